import type { SearchSort } from "@/lib/search/search";
import { FormError } from "./FormError";
import { SearchQueryBox } from "./SearchQueryBox";

/** A plain GET form: the page works, and is shareable, without JavaScript (suggestions need it). */
export function SearchForm({ q, sort, error }: { q: string; sort: SearchSort; error?: string }) {
  return (
    <search>
      <form method="get" action="/search" className="flex flex-col gap-2">
        <div className="flex flex-wrap gap-2">
          <SearchQueryBox q={q} error={error} />
          <select
            name="sort"
            defaultValue={sort}
            aria-label="Sort"
            className="rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm"
          >
            <option value="newest">Newest first</option>
            <option value="relevance">Most relevant</option>
          </select>
          <button
            type="submit"
            className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
          >
            Search
          </button>
        </div>
        <p id="search-help" className="text-xs text-slate-500">
          Every word must match, as the start of a word ("approv" finds "approvals"); a "quoted
          phrase" matches exactly. Filters: from:name, with:name (or an email, "quoted" with
          spaces), in:#room (a room you have joined), before:YYYY-MM-DD, after:YYYY-MM-DD (UTC).
          Press / anywhere to search.
        </p>
        <FormError message={error} />
      </form>
    </search>
  );
}
