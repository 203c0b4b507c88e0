import { NextResponse } from "next/server";
import { z } from "zod";
import { cacheStats } from "@/lib/platform/cache";

const tagSchema = z.string().regex(/^(conv:\d+-\d+|thread:\d+)$/);

/**
 * How often a cached view was filled from the database (and with how many statements) or
 * expired: for the HTTP tests only. Off unless CAIRO_DEBUG_STATS=1, so never in production.
 */
export function GET(request: Request) {
  if (process.env.CAIRO_DEBUG_STATS !== "1") {
    return NextResponse.json({ error: "Not found." }, { status: 404 });
  }
  const tag = tagSchema.safeParse(new URL(request.url).searchParams.get("tag"));
  if (!tag.success) {
    return NextResponse.json(
      { error: "Give a tag such as conv:1-2 or thread:3." },
      { status: 400 },
    );
  }
  return NextResponse.json(cacheStats(tag.data));
}
