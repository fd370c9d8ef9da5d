/** Thumbnails of images (sharp): the longer side scaled to ATTACHMENT_THUMBNAIL_SIZE, as WebP, EXIF rotation applied. */
import sharp from "sharp";
import { ATTACHMENT_THUMBNAIL_SIZE } from "../../contracts/attachment.ts";
import { AppError } from "../../errors.ts";

/** refuses decompression bombs: a 10 MB PNG can claim billions of pixels */
const MAX_INPUT_PIXELS = 50_000_000;

export interface Thumbnail {
  data: Uint8Array;
  /** the original's size, as it is displayed (after EXIF rotation) */
  width: number;
  height: number;
}

export async function makeThumbnail(bytes: Uint8Array): Promise<Thumbnail> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
    const metadata = await image.metadata();
    const rotated = (metadata.orientation ?? 1) >= 5;
    const data = await image
      .rotate()
      .resize(ATTACHMENT_THUMBNAIL_SIZE, ATTACHMENT_THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return {
      data: new Uint8Array(data),
      width: (rotated ? metadata.height : metadata.width) ?? 0,
      height: (rotated ? metadata.width : metadata.height) ?? 0,
    };
  } catch {
    throw new AppError("INVALID_INPUT", { field: "file", message: "file: the image cannot be read (damaged, or larger than 50 megapixels)" });
  }
}
