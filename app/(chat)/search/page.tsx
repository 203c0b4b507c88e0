import type { Metadata } from "next";
import { SearchForm } from "@/components/SearchForm";
import { SearchResults } from "@/components/SearchResults";
import { requireUser } from "@/lib/accounts/current-user";
import { firstValues, searchParamsSchema } from "@/lib/search/query";
import { searchMessages } from "@/lib/search/search";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const raw = firstValues(await searchParams);
  const params = searchParamsSchema.safeParse(raw);
  const q = typeof raw.q === "string" ? raw.q : "";
  const sort = params.success ? (params.data.sort ?? "newest") : "newest";
  // No q at all: the empty page, waiting for a query.
  const result =
    raw.q === undefined
      ? undefined
      : params.success
        ? await searchMessages(user.id, params.data)
        : ({
            ok: false,
            error: params.error.issues[0]?.message ?? "That search is not valid.",
          } as const);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold">Search</h1>
      <SearchForm q={q} sort={sort} error={result && !result.ok ? result.error : undefined} />
      {result?.ok && <SearchResults page={result.data} q={q} sort={sort} viewerId={user.id} />}
    </div>
  );
}
