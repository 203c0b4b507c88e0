/**
 * A fresh idempotency key for one send. Not crypto.randomUUID: browsers only offer it on
 * https or localhost, and the intranet may serve plain http.
 */
export function newSendKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
