/**
 * Erasure on request (PIPL 删除权): the customer's personal data goes, the conversations stay for the service's
 * records, de-identified. What is removed and why is in docs/decisions.md ("Customer erasure").
 */
import type { Db } from "@kefu/db/client";
import { customerEraseInput, eraseConfirmationText } from "../../contracts/customer-profile.ts";
import { runUnitOfWork } from "../../domain-events/index.ts";
import { AppError, parseInput } from "../../errors.ts";
import { logger } from "../../logger.ts";
import { attachmentStore } from "../attachment/index.ts";
import type { Actor } from "../conversation/index.ts";
import { assertCanViewCustomer } from "./access.ts";
import { recordCustomerEvent } from "./customer-events.ts";

/** what a customer's own message reads as after erasure */
export const ERASED_MESSAGE_BODY = "[内容已应客户要求删除]";
export const erasedCustomerName = (id: number) => `已删除客户 #${id}`;

export async function eraseCustomer(db: Db, actor: Actor, input: { id: number; confirmation: string }) {
  const { id, confirmation } = parseInput(customerEraseInput, input);
  await assertCanViewCustomer(db, actor, id);
  if (confirmation !== eraseConfirmationText(id))
    throw new AppError("ERASE_CONFIRMATION_MISMATCH", { field: "confirmation", params: { expected: eraseConfirmationText(id) } });
  const files = await runUnitOfWork(db, async ({ tx }) => {
    const customer = await tx.customer.findUniqueOrThrow({ where: { id }, select: { erasedAt: true } });
    if (customer.erasedAt) throw new AppError("ALREADY_DONE", { field: "id" });
    const conversationIds = (await tx.conversation.findMany({ where: { customerId: id }, select: { id: true } })).map((c) => c.id);
    const customerMessages = { conversationId: { in: conversationIds }, senderType: "CUSTOMER" as const };
    const attachments = await tx.attachment.findMany({ where: { message: customerMessages }, select: { storageKey: true, thumbnailKey: true } });
    await tx.attachment.deleteMany({ where: { message: customerMessages } });
    await tx.message.updateMany({ where: customerMessages, data: { body: ERASED_MESSAGE_BODY, kind: "TEXT" } });
    await tx.conversation.updateMany({ where: { customerId: id }, data: { subject: null, csatComment: null } });
    await tx.customerIdentity.deleteMany({ where: { customerId: id } });
    await tx.customerNote.deleteMany({ where: { customerId: id } });
    await tx.customerFieldValue.deleteMany({ where: { customerId: id } });
    await tx.customerTag.deleteMany({ where: { customerId: id } });
    // earlier events hold former names, emails and masks in their before/after
    await tx.customerEvent.deleteMany({ where: { customerId: id } });
    await tx.customer.update({
      where: { id },
      data: {
        name: erasedCustomerName(id),
        phoneHash: null,
        phoneEnc: null,
        phoneLast4: null,
        email: null,
        idNumberEnc: null,
        idNumberMask: null,
        externalId: null,
        city: null,
        notes: null,
        device: null,
        pageUrl: null,
        erasedAt: new Date(),
      },
    });
    await recordCustomerEvent(tx, {
      customerId: id,
      type: "erased",
      actorId: actor.id,
      detail: { conversations: conversationIds.length, attachments: attachments.length },
    });
    return attachments.flatMap((a) => [a.storageKey, ...(a.thumbnailKey ? [a.thumbnailKey] : [])]);
  });
  // the rows are gone; a file that fails to delete is logged and found again by the store's own clean-up
  const store = attachmentStore();
  for (const key of files) await store.delete(key).catch((err: unknown) => logger.error({ err, key }, "erased attachment not deleted"));
  return { id, erased: true, attachmentsDeleted: files.length };
}
