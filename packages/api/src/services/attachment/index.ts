// Attachments (docs/decisions.md, "Attachments"): checking, storing and handing out the files of ATTACHMENT messages.
export { checkAttachmentFile, sniffContentFamily } from "./content-type.ts";
export { readAttachment, type AttachmentFile, type AttachmentReader } from "./read.ts";
export { sendAgentAttachment, sendCustomerAttachment, storeAttachment, type UploadedFile } from "./send.ts";
export { attachmentStore, localAttachmentStore, newStorageKey, s3AttachmentStore, type AttachmentStore, type S3StoreConfig } from "./store.ts";
export { makeThumbnail } from "./thumbnail.ts";
export { defaultAttachmentsDir } from "./store.ts";
