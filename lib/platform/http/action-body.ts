/**
 * Whether a server action's body is one React's decoder can read: multipart form data that
 * parses (files, or a form), or else the JSON text `encodeReply` writes. Next decodes the
 * body inside the action handler, where a malformed one ends as a 500; the proxy asks this
 * first and answers 400. A body already read (a chunked one the size check counted) is left
 * to Next.
 */
export async function isReadableActionBody(request: Request): Promise<boolean> {
  if (request.bodyUsed || !request.body) return true;
  const copy = request.clone();
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.toLowerCase().startsWith("multipart/form-data")) {
      await copy.formData();
      return true;
    }
    JSON.parse(await copy.text());
    return true;
  } catch {
    return false;
  }
}
