import { downloadableFile } from "@/lib/files/access";
import { fileResponse } from "@/lib/files/serve";
import { jsonError, withUser } from "@/lib/platform/http/api";
import { idSchema } from "@/lib/platform/validation";

/**
 * GET a file (or `?size=thumbnail` its thumbnail) for someone who can see its message;
 * everyone else, and everyone once the message or their access is gone, gets 404.
 */
export const GET = withUser(
  async (user, request, { params }: { params: Promise<{ fileId: string }> }) => {
    const fileId = idSchema.safeParse((await params).fileId);
    if (!fileId.success) return jsonError(404, "Not found.");
    const file = await downloadableFile(user.id, fileId.data);
    if (!file) return jsonError(404, "Not found.");
    const thumbnail = new URL(request.url).searchParams.get("size") === "thumbnail";
    if (thumbnail && !file.thumbnailKey) return jsonError(404, "Not found.");
    const response = await fileResponse(file, thumbnail, request.headers.get("range"));
    return response ?? jsonError(404, "Not found.");
  },
);

export const dynamic = "force-dynamic";
