import { NextResponse } from "next/server";
import { loadEditHistory } from "@/lib/history";
import { NotFoundError } from "@/lib/result";
import { currentUser } from "@/lib/session";
import { idSchema } from "@/lib/validation";

/** A message's versions, newest first; 404 alike for missing and not-yours. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ messageId: string }> },
) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const messageId = idSchema.safeParse((await params).messageId);
  if (!messageId.success) return NextResponse.json({ error: "Not found." }, { status: 404 });
  try {
    return NextResponse.json({ versions: loadEditHistory(user.id, messageId.data) });
  } catch (error) {
    if (error instanceof NotFoundError) {
      return NextResponse.json({ error: "Not found." }, { status: 404 });
    }
    throw error;
  }
}
