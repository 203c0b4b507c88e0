import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/platform/result";
import { idSchema } from "@/lib/platform/validation";

/** Runs a loader; its NotFoundError becomes Next's 404 page. */
export async function orNotFound<T>(load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** A route parameter that must be an id: anything else is a 404, never a 500. */
export function idParam(value: string): number {
  const parsed = idSchema.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}
