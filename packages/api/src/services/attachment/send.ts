/**
 * Sending a file: checked (type from its content, size), put in the attachment store with a thumbnail for images,
 * then sent through the normal message path — the customer's through the inbox (as any customer message, so the
 * conversation, unread badges, realtime and domain events behave the same), the agent's as a reply. The stored
 * objects are removed again when the message is a replay or is refused.
 */
import type { Db } from "@kefu/db/client";
import { agentAttachmentUploadInput, attachmentUploadInput } from "../../contracts/attachment.ts";
import { parseInput } from "../../errors.ts";
import { sendAgentReply, type Actor, type NewAttachment, type SentMessage } from "../conversation/index.ts";
import { handleIncomingCustomerMessage } from "../inbox/index.ts";
import { checkAttachmentFile } from "./content-type.ts";
import { newStorageKey, type AttachmentStore } from "./store.ts";
import { makeThumbnail } from "./thumbnail.ts";

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** Checks the file and writes it (and its thumbnail) to the store. */
export async function storeAttachment(store: AttachmentStore, file: UploadedFile): Promise<NewAttachment> {
  const type = checkAttachmentFile(file.name, file.bytes);
  const thumbnail = type.image ? await makeThumbnail(file.bytes) : null;
  const storageKey = newStorageKey(type.extension);
  const thumbnailKey = thumbnail ? storageKey.replace(/\.[a-z0-9]+$/, "-thumb.webp") : null;
  await store.put(storageKey, file.bytes, type.mimeType);
  if (thumbnail && thumbnailKey) await store.put(thumbnailKey, thumbnail.data, "image/webp");
  return {
    fileName: file.name,
    mimeType: type.mimeType,
    sizeBytes: file.bytes.byteLength,
    storageKey,
    thumbnailKey,
    width: thumbnail?.width ?? null,
    height: thumbnail?.height ?? null,
  };
}

async function discard(store: AttachmentStore, attachment: NewAttachment): Promise<void> {
  await Promise.all([store.delete(attachment.storageKey), attachment.thumbnailKey ? store.delete(attachment.thumbnailKey) : null]);
}

/** Stores the file, runs `send`, and takes the objects back out when nothing new was written. */
async function sendStored<R extends { duplicate: boolean }>(store: AttachmentStore, file: UploadedFile, send: (attachment: NewAttachment) => Promise<R>) {
  const attachment = await storeAttachment(store, file);
  let result: R;
  try {
    result = await send(attachment);
  } catch (error) {
    await discard(store, attachment);
    throw error;
  }
  if (result.duplicate) await discard(store, attachment);
  return result;
}

export interface CustomerAttachmentInput {
  channel: "WEB";
  externalUserId: string;
  clientId: string;
  file: UploadedFile;
  teamId?: number;
}

/** A customer's file, from the widget. */
export function sendCustomerAttachment(db: Db, store: AttachmentStore, input: CustomerAttachmentInput) {
  parseInput(attachmentUploadInput, { fileName: input.file.name, clientId: input.clientId });
  return sendStored(store, input.file, (attachment) =>
    handleIncomingCustomerMessage(db, {
      channel: input.channel,
      externalUserId: input.externalUserId,
      clientId: input.clientId,
      body: input.file.name,
      teamId: input.teamId,
      attachment,
    }),
  );
}

/** An agent's file: a reply, so the conversation must be theirs (or they supervise) and ACTIVE. */
export function sendAgentAttachment(
  db: Db,
  store: AttachmentStore,
  actor: Actor,
  input: { conversationId: number; clientId: string; file: UploadedFile },
): Promise<SentMessage> {
  parseInput(agentAttachmentUploadInput, { conversationId: input.conversationId, fileName: input.file.name, clientId: input.clientId });
  return sendStored(store, input.file, (attachment) =>
    sendAgentReply(db, actor, { conversationId: input.conversationId, body: input.file.name, clientId: input.clientId, attachment }),
  );
}
