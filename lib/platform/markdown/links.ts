const CLICKABLE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The URL a link in a message may point to: absolute http, https or mailto, else null
 * (the link is shown as text). The WHATWG parser is the browser's, so tricks such as
 * `JaVaScRiPt:`, tabs or newlines inside the scheme, or leading spaces resolve here exactly
 * as they would there: to `javascript:`, which is refused, as are data:, vbscript:, file:
 * and relative URLs.
 */
export function safeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return CLICKABLE_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
}
