import { describe, expect, it } from "vitest";
import { ATTACHMENT_FILE_MAX_BYTES, ATTACHMENT_IMAGE_MAX_BYTES } from "../../contracts/attachment.ts";
import { AppError } from "../../errors.ts";
import { checkAttachmentFile, sniffContentFamily } from "./content-type.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === "string" ? [...new TextEncoder().encode(part)] : part)));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff, 0xe0];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function refusal(fileName: string, content: Uint8Array): { field?: string; message: string } {
  try {
    checkAttachmentFile(fileName, content);
  } catch (error) {
    if (error instanceof AppError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error(`${fileName} was accepted`);
}

describe("attachment content types (magic bytes)", () => {
  it("recognises each allowed family from its first bytes", () => {
    expect(sniffContentFamily(bytes(PNG, [0, 0]))).toBe("png");
    expect(sniffContentFamily(bytes(JPEG))).toBe("jpeg");
    expect(sniffContentFamily(bytes("GIF89a", [1, 0]))).toBe("gif");
    expect(sniffContentFamily(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe("webp");
    expect(sniffContentFamily(bytes("%PDF-1.7\n"))).toBe("pdf");
    expect(sniffContentFamily(bytes(ZIP, [0, 0]))).toBe("zip");
    expect(sniffContentFamily(bytes(OLE))).toBe("ole");
    expect(sniffContentFamily(bytes("订单号,金额\r\n1001,99.5\n"))).toBe("text");
    expect(sniffContentFamily(bytes("MZ", [0x90, 0, 3, 0]))).toBeNull();
  });

  it("accepts files whose content matches their extension, with the MIME type of the content", () => {
    expect(checkAttachmentFile("截图.PNG", bytes(PNG, [0]))).toMatchObject({ mimeType: "image/png", image: true });
    expect(checkAttachmentFile("报价.docx", bytes(ZIP))).toMatchObject({ mimeType: expect.stringContaining("wordprocessingml") as string, image: false });
    expect(checkAttachmentFile("old.xls", bytes(OLE))).toMatchObject({ mimeType: "application/vnd.ms-excel" });
    expect(checkAttachmentFile("orders.csv", bytes("a,b\n1,2\n"))).toMatchObject({ mimeType: "text/csv" });
    // a phone's JPEG saved as .png is still an image: it is taken for what it is
    expect(checkAttachmentFile("photo.png", bytes(JPEG))).toMatchObject({ mimeType: "image/jpeg", extension: "jpg" });
  });

  it("refuses an extension outside the list, naming the allowed ones", () => {
    const refused = refusal("setup.exe", bytes("MZ", [0x90]));
    expect(refused.field).toBe("file");
    expect(refused.message).toBe("file: only .png .jpg .jpeg .gif .webp .pdf .doc .xls .ppt .docx .xlsx .pptx .zip .txt .csv files are accepted");
  });

  it("refuses content that does not match the extension (a renamed program, a binary .txt)", () => {
    expect(refusal("invoice.pdf", bytes("MZ", [0x90, 0, 3]))).toEqual({
      field: "file",
      message: "file: the content is not a PDF document (checked from its first bytes)",
    });
    expect(refusal("cat.png", bytes(ZIP)).message).toBe("file: the content is not a PNG image (checked from its first bytes)");
    expect(refusal("notes.txt", bytes("hello", [0], "world")).message).toMatch(/not plain text/);
    expect(refusal("empty.png", new Uint8Array()).message).toBe("file: the file is empty");
  });

  it("allows images up to 10 MB and other files up to 20 MB", () => {
    const image = new Uint8Array(ATTACHMENT_IMAGE_MAX_BYTES + 1);
    image.set(PNG);
    expect(refusal("big.png", image).message).toBe("file: images may be at most 10 MB");
    expect(checkAttachmentFile("ok.png", image.subarray(0, ATTACHMENT_IMAGE_MAX_BYTES)).image).toBe(true);

    const archive = new Uint8Array(ATTACHMENT_FILE_MAX_BYTES + 1);
    archive.set(ZIP);
    expect(refusal("big.zip", archive).message).toBe("file: files may be at most 20 MB");
    expect(checkAttachmentFile("ok.zip", archive.subarray(0, ATTACHMENT_FILE_MAX_BYTES)).mimeType).toBe("application/zip");
  });
});
