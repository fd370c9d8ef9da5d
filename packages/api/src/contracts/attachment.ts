/**
 * Files customers and agents send (docs/decisions.md, "Attachments"): which types, how large, and the fields of an
 * upload. The server decides the type from the file's first bytes; the extension must agree with them. The widget
 * and the console read the same table for the file picker's `accept` and their size hints.
 */
import { z } from "zod";
import { clientIdSchema, conversationIdSchema } from "./conversation.ts";

/** an image (png, jpeg, gif, webp) */
export const ATTACHMENT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** any other allowed file */
export const ATTACHMENT_FILE_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_NAME_MAX = 255;
/** the longer side of an image's thumbnail, in pixels */
export const ATTACHMENT_THUMBNAIL_SIZE = 320;

/** What a file's first bytes can prove: one family per signature. */
export type ContentFamily = "png" | "jpeg" | "gif" | "webp" | "pdf" | "zip" | "ole" | "text";

export interface AttachmentType {
  mimeType: string;
  family: ContentFamily;
  image: boolean;
}

/** Allowed extensions (lower case) and the content each must have. */
export const ATTACHMENT_TYPES = {
  png: { mimeType: "image/png", family: "png", image: true },
  jpg: { mimeType: "image/jpeg", family: "jpeg", image: true },
  jpeg: { mimeType: "image/jpeg", family: "jpeg", image: true },
  gif: { mimeType: "image/gif", family: "gif", image: true },
  webp: { mimeType: "image/webp", family: "webp", image: true },
  pdf: { mimeType: "application/pdf", family: "pdf", image: false },
  doc: { mimeType: "application/msword", family: "ole", image: false },
  xls: { mimeType: "application/vnd.ms-excel", family: "ole", image: false },
  ppt: { mimeType: "application/vnd.ms-powerpoint", family: "ole", image: false },
  docx: { mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", family: "zip", image: false },
  xlsx: { mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", family: "zip", image: false },
  pptx: { mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", family: "zip", image: false },
  zip: { mimeType: "application/zip", family: "zip", image: false },
  txt: { mimeType: "text/plain; charset=utf-8", family: "text", image: false },
  csv: { mimeType: "text/csv", family: "text", image: false },
} as const satisfies Record<string, AttachmentType>;

export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

export const ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[];

/** The file picker's `accept` attribute. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.map((extension) => `.${extension}`).join(",");

/** The allowed type of a file name, by its extension; null when the extension is not allowed. */
export function attachmentTypeOf(fileName: string): (AttachmentType & { extension: AttachmentExtension }) | null {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase();
  if (!extension || !(extension in ATTACHMENT_TYPES)) return null;
  return { extension: extension as AttachmentExtension, ...ATTACHMENT_TYPES[extension as AttachmentExtension] };
}

/** The size limit of a file of this type. */
export function attachmentMaxBytes(type: { image: boolean }): number {
  return type.image ? ATTACHMENT_IMAGE_MAX_BYTES : ATTACHMENT_FILE_MAX_BYTES;
}

const fileNameSchema = z
  .string()
  .min(1)
  .max(ATTACHMENT_NAME_MAX)
  .refine(
    (name) => ![...name].some((c) => c.charCodeAt(0) < 0x20 || c === "\u007f" || c === "/" || c === "\\"),
    "must not contain slashes or control characters",
  );

/** The fields sent with a file (multipart form fields `fileName` comes from the file part). */
export const attachmentUploadInput = z.object({
  fileName: fileNameSchema,
  clientId: clientIdSchema,
});

/** An agent's upload also names the conversation. */
export const agentAttachmentUploadInput = attachmentUploadInput.extend({ conversationId: conversationIdSchema });

export const attachmentVariantSchema = z.enum(["original", "thumbnail"]);
export type AttachmentVariant = z.infer<typeof attachmentVariantSchema>;
