import { z } from "zod";

export const MAX_NAME = 200;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Marks that reorder how a name reads (an "exe" shown as "gpj"), and invisible ones. */
const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A file's name as given by the uploader: refused, not repaired, when it carries folders,
 * control characters (CR/LF split headers), direction overrides or double quotes. It is
 * only ever shown and offered as the download's name; the file store never sees it.
 */
export const fileNameSchema = z
  .string({ error: "Give the file's name." })
  .transform((value) => value.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, { error: "Give the file's name." })
      .max(MAX_NAME, { error: `A file name has at most ${MAX_NAME} characters.` })
      .refine((name) => !/[/\\]/.test(name), {
        error: "A file name cannot contain / or \\.",
      })
      .refine((name) => !CONTROL.test(name), {
        error: "A file name cannot contain control characters or line breaks.",
      })
      .refine((name) => !DIRECTION.test(name), {
        error: "A file name cannot contain characters that change the reading direction.",
      })
      .refine((name) => !name.includes('"'), { error: "A file name cannot contain double quotes." })
      .refine((name) => name !== "." && name !== "..", { error: "That is not a file name." }),
  );

/**
 * Content-Disposition per RFC 6266: an ASCII fallback in `filename` and the exact name,
 * UTF-8 and percent-encoded per RFC 5987, in `filename*`.
 */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
