import "server-only";
import sharp, { type FormatEnum, type Metadata } from "sharp";

/** Images with more pixels are refused from their header, never decoded (an image bomb). */
export const MAX_IMAGE_PIXELS = 50_000_000;
export const THUMBNAIL_SIZE = 480;

const FORMAT: Record<string, keyof FormatEnum> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/gif": "gif",
  "image/webp": "webp",
};

export type PreparedImage =
  | { ok: true; width: number; height: number }
  | { ok: false; error: string };

/**
 * Reads the image's header (no decoding) to refuse bombs and mismatches, then writes, in
 * libuv's threads and off the event loop, the image with its orientation applied and its
 * metadata (GPS positions, camera) stripped to `cleanPath`, and a WebP thumbnail to
 * `thumbnailPath`. An animated GIF is kept as uploaded (GIF carries no EXIF).
 */
export async function prepareImage(
  source: string,
  name: string,
  mimeType: string,
  cleanPath: string | null,
  thumbnailPath: string,
): Promise<PreparedImage> {
  const bounded = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" as const };
  let meta: Metadata;
  try {
    meta = await sharp(source, bounded).metadata();
  } catch {
    return { ok: false, error: `${name} is damaged: it cannot be read as an image.` };
  }
  const { width, height } = meta;
  if (!width || !height || meta.format !== FORMAT[mimeType]) {
    return { ok: false, error: `${name} is damaged: it cannot be read as an image.` };
  }
  const pages = meta.pages ?? 1;
  if (width * height * pages > MAX_IMAGE_PIXELS) {
    const megapixels = Math.round(MAX_IMAGE_PIXELS / 1_000_000);
    return {
      ok: false,
      error: `${name} is ${width} × ${height} pixels: images can have at most ${megapixels} megapixels.`,
    };
  }
  try {
    let shown = { width, height };
    if (cleanPath) {
      const info = await sharp(source, bounded)
        .rotate()
        .toFormat(FORMAT[mimeType])
        .toFile(cleanPath);
      shown = { width: info.width, height: info.height };
    }
    await sharp(source, bounded)
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toFile(thumbnailPath);
    return { ok: true, ...shown };
  } catch {
    return { ok: false, error: `${name} is damaged: it cannot be read as an image.` };
  }
}

/** Which images are rewritten clean (orientation applied, metadata gone) before storing. */
export function rewrittenOnUpload(mimeType: string) {
  return mimeType === "image/png" || mimeType === "image/jpeg" || mimeType === "image/webp";
}
