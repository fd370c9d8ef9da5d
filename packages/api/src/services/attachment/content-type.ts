/**
 * What a file really is, from its first bytes (a renamed .exe is not a .png): the extension names the type and the
 * content must prove the same family. Text has no signature, so a .txt or .csv must hold no NUL byte and no control
 * character other than tab, line breaks and form feed (GBK files from Chinese Excel pass, binaries do not).
 */
import {
  attachmentMaxBytes,
  attachmentTypeOf,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_TYPES,
  type AttachmentType,
  type ContentFamily,
} from "../../contracts/attachment.ts";
import { AppError } from "../../errors.ts";

const TEXT_PROBE_BYTES = 8 * 1024;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The family the first bytes prove, or "text" when nothing binary is in the probe, or null. */
export function sniffContentFamily(bytes: Uint8Array): ContentFamily | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  if (startsWith(bytes, ascii("%PDF-"))) return "pdf";
  // a local file header, or the end record of an empty archive
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  const probe = bytes.subarray(0, TEXT_PROBE_BYTES);
  const binary = probe.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d);
  return binary ? null : "text";
}

const FAMILY_NAMES: Record<ContentFamily, string> = {
  png: "a PNG image",
  jpeg: "a JPEG image",
  gif: "a GIF image",
  webp: "a WebP image",
  pdf: "a PDF document",
  zip: "a ZIP archive (zip, docx, xlsx, pptx)",
  ole: "an Office 97–2003 document",
  text: "plain text",
};

export interface CheckedFile extends AttachmentType {
  extension: string;
}

/**
 * The file's type when its name, size and content are allowed; otherwise INVALID_INPUT on field `file` naming the
 * rule broken. An image whose extension names another image type is taken for what its content is.
 */
export function checkAttachmentFile(fileName: string, bytes: Uint8Array): CheckedFile {
  const declared = attachmentTypeOf(fileName);
  if (!declared) throw invalid(`only ${ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(" ")} files are accepted`);
  if (bytes.byteLength === 0) throw invalid("the file is empty");
  const family = sniffContentFamily(bytes);
  let type: CheckedFile = declared;
  if (family !== declared.family) {
    const actualImage = Object.entries(ATTACHMENT_TYPES).find(([, t]) => t.family === family && t.image);
    if (!(declared.image && actualImage)) throw invalid(`the content is not ${FAMILY_NAMES[declared.family]} (checked from its first bytes)`);
    type = { extension: actualImage[0], ...actualImage[1] };
  }
  const max = attachmentMaxBytes(type);
  if (bytes.byteLength > max) throw invalid(`${type.image ? "images" : "files"} may be at most ${max / 1024 / 1024} MB`);
  return type;
}

function invalid(rule: string): AppError {
  return new AppError("INVALID_INPUT", { field: "file", message: `file: ${rule}` });
}
