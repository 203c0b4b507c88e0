import type { SearchSort } from "@/lib/search/search";
import { FormError } from "./FormError";
import { SEARCH_BOX_ID } from "./search-box-id";

/** A plain GET form: the page works, and is shareable, without JavaScript. */
export function SearchForm({ q, sort, error }: { q: string; sort: SearchSort; error?: string }) {
  return (
    <search>
      <form method="get" action="/search" className="flex flex-col gap-2">
        <div className="flex flex-wrap gap-2">
          <input
            id={SEARCH_BOX_ID}
            type="search"
            name="q"
            defaultValue={q}
            aria-label="Search messages"
            aria-describedby="search-help"
            aria-invalid={error ? true : undefined}
            placeholder='Search messages: words, "a phrase", from:name, with:name, after:2026-01-31'
            maxLength={1000}
            // The shortcut brings people here to type at once.
            // biome-ignore lint/a11y/noAutofocus: the page exists to type a query into
            autoFocus
            className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2"
          />
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
          Every word must match. Filters: from:name, with:name (or an email, "quoted" with spaces),
          before:YYYY-MM-DD, after:YYYY-MM-DD (UTC). Press / or Ctrl+K anywhere to search.
        </p>
        <FormError message={error} />
      </form>
    </search>
  );
}
