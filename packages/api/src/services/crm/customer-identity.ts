/** What the CRM is told about a customer: the ids it may match on (the phone in full: the CRM is the enterprise's own). */
import type { Db, Prisma } from "@kefu/db/client";
import { decryptField } from "@kefu/db/crypto";
import { fieldKeysFromEnv } from "@kefu/db/env";
import { AppError } from "../../errors.ts";

export interface CrmCustomer {
  id: number;
  name: string;
  externalId: string | null;
  phone: string | null;
  email: string | null;
  level: string;
  city: string | null;
}

export async function crmCustomerOf(db: Db | Prisma.TransactionClient, customerId: number): Promise<CrmCustomer> {
  const row = await db.customer.findFirst({
    where: { id: customerId, mergedIntoId: null, erasedAt: null },
    select: { id: true, name: true, externalId: true, phoneEnc: true, email: true, level: true, city: true },
  });
  if (!row) throw new AppError("NOT_FOUND", { field: "customerId" });
  let phone: string | null = null;
  try {
    phone = row.phoneEnc ? decryptField(fieldKeysFromEnv(), row.phoneEnc) : null;
  } catch {
    // a phone whose key is gone is simply not sent
  }
  return { id: row.id, name: row.name, externalId: row.externalId, phone, email: row.email, level: row.level, city: row.city };
}
