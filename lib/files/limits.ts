/**
 * What the browser and the server both know about attachments: the limits and the types
 * accepted. No server imports: the attach button checks a file before it uploads it.
 */

export const MAX_ATTACHMENTS = 10;
export const DEFAULT_MAX_UPLOAD_MB = 25;

/** Images shown inline (thumbnails, the dialog "Image"); every other type is a download. */
export const INLINE_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

/** The types a file may turn out to be, decided from its content (lib/files/sniff.ts). */
export const ACCEPTED_TYPES: Record<string, string> = {
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "image/gif": "GIF image",
  "image/webp": "WebP image",
  "application/pdf": "PDF document",
  "application/zip": "ZIP archive",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation":
    "PowerPoint presentation",
  "application/vnd.oasis.opendocument.text": "OpenDocument text",
  "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
  "audio/mpeg": "MP3 audio",
  "video/mp4": "MP4 video",
  "text/plain": "text file",
};

/** Extensions a browser may offer for a refused type: refused before the upload starts. */
export const REFUSED_EXTENSIONS = [
  "exe",
  "dll",
  "bat",
  "cmd",
  "com",
  "msi",
  "scr",
  "ps1",
  "sh",
  "js",
  "mjs",
  "html",
  "htm",
  "xhtml",
  "svg",
  "svgz",
  "php",
  "jar",
  "apk",
  "app",
  "vbs",
  "hta",
];

export function isInlineImage(mimeType: string) {
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(mimeType);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The reason a file cannot be attached, named after it and the limit, or null. What the
 * browser checks before uploading; the server checks the same and more (the content).
 */
export function refusalBeforeUpload(
  file: { name: string; size: number },
  maxUploadMb: number,
): string | null {
  if (file.size > maxUploadMb * 1024 * 1024) {
    return `${file.name} is ${formatSize(file.size)}: files can be at most ${maxUploadMb} MB.`;
  }
  if (file.size === 0) return `${file.name} is empty: there is nothing to attach.`;
  const extension = file.name.toLowerCase().split(".").pop() ?? "";
  if (file.name.includes(".") && REFUSED_EXTENSIONS.includes(extension)) {
    return `${file.name} cannot be attached: .${extension} files are refused (attach images, documents, spreadsheets, PDFs, archives or text).`;
  }
  return null;
}

const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A name the server accepts, made from whatever the browser or the clipboard gave: no
 * folders, control characters, direction overrides or quotes (the server refuses those).
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== "\u007f" && c !== '"' && !DIRECTION.test(c))
    .join("")
    .trim();
  return (cleaned || "file").slice(0, 200);
}
