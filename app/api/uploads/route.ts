import { Readable } from "node:stream";
import { MAX_ATTACHMENTS } from "@/lib/files/limits";
import { maxUploadMb, storeUpload } from "@/lib/files/upload";
import { jsonError, withUser } from "@/lib/platform/http/api";

/** The limits the attach button checks before an upload starts. */
export const GET = withUser(() =>
  Response.json({ maxUploadMb: maxUploadMb(), maxAttachments: MAX_ATTACHMENTS }),
);

/**
 * POST the file's bytes as the body, its name percent-encoded in `X-File-Name`: stored
 * unattached, answered with its id for the send to attach. Streamed to disk as it arrives.
 */
export const POST = withUser(async (user, request) => {
  let name: string | null = null;
  try {
    const header = request.headers.get("x-file-name");
    name = header === null ? null : decodeURIComponent(header);
  } catch {
    return jsonError(400, "The file name is not valid percent-encoding.");
  }
  if (!request.body) return jsonError(400, "Send the file's content as the request body.");
  const declared = request.headers.get("content-length");
  const outcome = await storeUpload(user.id, {
    name,
    claimedType: request.headers.get("content-type"),
    declaredSize: declared === null ? null : Number(declared),
    body: Readable.fromWeb(request.body as import("node:stream/web").ReadableStream),
  });
  if (!outcome.ok) return jsonError(outcome.status, outcome.error);
  const { id, name: storedName, mimeType, size, width, height, thumbnailKey } = outcome.attachment;
  return Response.json(
    { id, name: storedName, mimeType, size, width, height, thumbnail: thumbnailKey !== null },
    { status: 201 },
  );
});
