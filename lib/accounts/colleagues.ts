import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/db/query";
import { users } from "@/db/schema";
import { normalizeText } from "@/lib/platform/validation";

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

/** How many colleagues one page of the /messages directory lists. */
export const DIRECTORY_PAGE_SIZE = 50;

export const directoryPageSchema = z.object({
  page: z.coerce
    .number({ error: "The page must be a number." })
    .int({ error: "The page must be a whole number." })
    .min(1, { error: "Pages start at 1." })
    .max(10_000, { error: "There are not that many pages." })
    .default(1),
});

export interface DirectoryPage {
  colleagues: (ColleagueMatch & { deactivated: boolean })[];
  page: number;
  hasNext: boolean;
}

/**
 * One page of everyone (the viewer too: notes to self), by name (the recent conversations,
 * listed beside it and left out here as `exclude`, already put the active ones first): one
 * statement, a page at a time, however many colleagues there are.
 */
export async function colleagueDirectory(page: number, exclude: number[]): Promise<DirectoryPage> {
  // Never empty, so the statement needs no special case.
  const skipped = [0, ...exclude];
  const found = await rows<{
    id: number;
    name: string;
    email: string;
    deactivated_at: unknown;
  }>(sql`
    select ${users.id} as id, ${users.name} as name, ${users.email} as email,
           ${users.deactivatedAt} as deactivated_at
    from ${users}
    where ${users.id} not in (${sql.join(
      skipped.map((id) => sql`${id}`),
      sql`, `,
    )})
    order by lower(${users.name}), ${users.email}, ${users.id}
    limit ${DIRECTORY_PAGE_SIZE + 1} offset ${(page - 1) * DIRECTORY_PAGE_SIZE}
  `);
  return {
    colleagues: found.slice(0, DIRECTORY_PAGE_SIZE).map((row) => ({
      id: Number(row.id),
      name: row.name,
      email: row.email,
      deactivated: row.deactivated_at !== null,
    })),
    page,
    hasNext: found.length > DIRECTORY_PAGE_SIZE,
  };
}
