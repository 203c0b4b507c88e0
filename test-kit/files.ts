import { crc32 } from "node:zlib";
import sharp from "sharp";

/** Files for the attachment tests: real images made by sharp, and hostile ones made by hand. */

export function png(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#3366cc" } })
    .png()
    .toBuffer();
}

/** A JPEG taken "sideways" (EXIF orientation 6) with a GPS position in its metadata. */
export function sidewaysJpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 80, height: 40, channels: 3, background: "#cc6633" } })
    .jpeg()
    .withMetadata({
      orientation: 6,
      exif: { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "30/1 2/1 0/1" } },
    })
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A tiny PNG that claims 100,000 × 100,000 pixels: decoding it would need 40 GB. */
export function pngBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100_000, 0);
  header.writeUInt32BE(100_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A valid GIF that is also a web page: markup hidden in a comment block. */
export function gifHtmlPolyglot(): Buffer {
  const markup = Buffer.from("<html><script>alert(document.cookie)</script></html>", "latin1");
  return Buffer.concat([
    Buffer.from("GIF89a", "latin1"),
    Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]),
    Buffer.from([0x21, 0xfe, markup.length]),
    markup,
    Buffer.from([0]),
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]),
  ]);
}

/** The smallest PDF header: what a "photo.png" that lies about its type holds. */
export function pdf(): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  );
}

/** Names an upload must refuse, and why. */
export const HOSTILE_NAMES: Record<string, string> = {
  "path separators": "../../etc/passwd.png",
  backslashes: "..\\..\\boot.ini",
  "CR/LF": "report\r\nSet-Cookie: x=1.pdf",
  "a right-to-left override": "invoice\u202egnp.exe",
  quotes: 'my "best" photo.png',
};
