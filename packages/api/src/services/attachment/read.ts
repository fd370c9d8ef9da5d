/**
 * Handing a file out: to the customer whose conversation it is in, or to staff who may see that conversation
 * (conversation/access). Everyone else is told it does not exist (NOT_FOUND), so ids reveal nothing.
 */
import type { Db } from "@kefu/db/client";
import type { AttachmentVariant } from "../../contracts/attachment.ts";
import { AppError } from "../../errors.ts";
import { canViewConversation, type Actor } from "../conversation/index.ts";
import type { AttachmentStore } from "./store.ts";

export interface AttachmentFile {
  fileName: string;
  mimeType: string;
  /** an image (shown inline); anything else is downloaded */
  image: boolean;
  bytes: Uint8Array;
}

export type AttachmentReader = { customerId: number } | { actor: Actor };

async function findAttachment(db: Db, attachmentId: number) {
  if (!Number.isSafeInteger(attachmentId) || attachmentId <= 0) return null;
  return db.attachment.findUnique({
    where: { id: attachmentId },
    select: {
      fileName: true,
      mimeType: true,
      storageKey: true,
      thumbnailKey: true,
      message: { select: { kind: true, conversation: { select: { id: true, customerId: true, assigneeId: true, teamId: true } } } },
    },
  });
}

type Found = NonNullable<Awaited<ReturnType<typeof findAttachment>>>;

async function mayRead(db: Db, reader: AttachmentReader, attachment: Found): Promise<boolean> {
  const { conversation, kind } = attachment.message;
  if ("customerId" in reader) return conversation.customerId === reader.customerId && kind !== "NOTE";
  return canViewConversation(db, reader.actor, conversation);
}

export async function readAttachment(
  db: Db,
  store: AttachmentStore,
  reader: AttachmentReader,
  attachmentId: number,
  variant: AttachmentVariant,
): Promise<AttachmentFile> {
  const attachment = await findAttachment(db, attachmentId);
  if (!attachment || !(await mayRead(db, reader, attachment))) throw new AppError("NOT_FOUND", { field: "id" });
  const image = attachment.mimeType.startsWith("image/");
  const key = variant === "thumbnail" ? attachment.thumbnailKey : attachment.storageKey;
  if (!key) throw new AppError("NOT_FOUND", { field: "variant" });
  const bytes = await store.get(key);
  if (!bytes) throw new AppError("NOT_FOUND", { field: "id" });
  return {
    fileName: attachment.fileName,
    mimeType: variant === "thumbnail" ? "image/webp" : attachment.mimeType,
    image,
    bytes,
  };
}
