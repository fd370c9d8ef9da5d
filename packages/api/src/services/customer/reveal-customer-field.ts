/**
 * 查看 a protected field in full. The audit middleware writes the row (the reason is in its input); the plain value
 * goes only to the caller, who shows it for REVEAL_SECONDS.
 */
import type { Db } from "@kefu/db/client";
import { customerRevealInput, REVEAL_SECONDS, type CustomerRevealInput } from "../../contracts/customer-profile.ts";
import { AppError, parseInput } from "../../errors.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";
import { decryptProtected } from "./protected-fields.ts";

export async function revealCustomerField(db: Db, actor: Actor, input: CustomerRevealInput) {
  const { id, field } = parseInput(customerRevealInput, input);
  await assertCanViewCustomer(db, actor, id);
  const customer = await db.customer.findUniqueOrThrow({ where: { id }, select: { phoneEnc: true, idNumberEnc: true } });
  const stored = field === "phone" ? customer.phoneEnc : customer.idNumberEnc;
  if (!stored) throw new AppError("NOT_FOUND", { field: "field" });
  return { id, field, value: decryptProtected(stored)!, visibleSeconds: REVEAL_SECONDS };
}
