/** CustomerEvent rows: what happened to a customer outside conversations, in the shape the timeline reads. */
import type { Prisma } from "@kefu/db/client";
import type { CustomerEventType } from "../../contracts/customer-profile.ts";
import type { Tx } from "../../domain-events/index.ts";

/** One changed attribute; protected fields carry masks, never the plain value. */
export interface FieldChange {
  field: string;
  before: string | number | boolean | string[] | null;
  after: string | number | boolean | string[] | null;
}

export async function recordCustomerEvent(
  tx: Tx,
  event: { customerId: number; type: CustomerEventType; actorId: number | null; detail: Prisma.InputJsonObject },
) {
  await tx.customerEvent.create({ data: { customerId: event.customerId, type: event.type, actorId: event.actorId, detail: event.detail } });
}
