import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/db/query";
import { users } from "@/db/schema";
import { normalizeText } from "./validation";

/** At most this many matches: the finder shows one page, never the whole directory. */
export const FINDER_LIMIT = 20;

export const colleagueQuerySchema = z.object({
  q: z
    .string({ error: "Type a name or an email." })
    .overwrite(normalizeText)
    .trim()
    .min(1, { error: "Type a name or an email." })
    .max(100, { error: "Search with at most 100 characters." }),
});

export interface ColleagueMatch {
  id: number;
  name: string;
  /** Shown beside the name, so that two colleagues with one name are told apart. */
  email: string;
}

/** `%`, `_` and the escape character itself match literally. */
function likeContaining(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Colleagues whose name or email contains the text (any case), by name: one statement,
 * at most `limit` rows, only the columns the finder shows (never a password hash).
 */
export async function findColleagues(
  text: string,
  limit = FINDER_LIMIT,
): Promise<ColleagueMatch[]> {
  const pattern = likeContaining(text);
  const found = await rows<ColleagueMatch>(sql`
    select ${users.id} as id, ${users.name} as name, ${users.email} as email
    from ${users}
    where lower(${users.name}) like ${pattern} escape '\\'
       or ${users.email} like ${pattern} escape '\\'
    order by lower(${users.name}), ${users.email}
    limit ${limit}
  `);
  return found.map((row) => ({ id: Number(row.id), name: row.name, email: row.email }));
}
