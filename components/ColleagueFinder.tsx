"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { directoryKeys } from "@/lib/live/query-keys";
import { Avatar } from "./Avatar";
import { fetchColleagues } from "./directory-api";

const DEBOUNCE_MS = 200;

/**
 * "Find a colleague": searches names and emails on the server, a page of matches at a time,
 * so it works the same with ten colleagues or ten thousand. Each match shows the email too:
 * two people with one name are told apart. Escape clears it.
 */
export function ColleagueFinder() {
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const resultsId = useId();
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, isError, isFetching } = useQuery({
    queryKey: directoryKeys.colleagues(query),
    queryFn: () => fetchColleagues(query),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const showing = query.length > 0 && text.trim().length > 0;
  return (
    <search className="flex flex-col gap-1">
      <input
        type="search"
        aria-label="Find a colleague"
        placeholder="Find a colleague"
        aria-controls={resultsId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") setText("");
        }}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm placeholder:text-slate-600 focus:border-brand-500"
      />
      <div id={resultsId} aria-live="polite" aria-busy={isFetching}>
        {showing && isError && (
          <p className="px-2 py-1 text-sm text-red-700">Could not search. Try again.</p>
        )}
        {showing && data && data.length === 0 && (
          <p className="px-2 py-1 text-sm text-slate-600">No colleague matches.</p>
        )}
        {showing && data && data.length > 0 && (
          <ul aria-label="Colleagues found" className="flex flex-col gap-0.5 py-1">
            {data.map((colleague) => (
              <li key={colleague.id}>
                <Link
                  href={`/messages/${colleague.id}`}
                  onClick={() => setText("")}
                  className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100"
                >
                  <Avatar name={colleague.name} size="sm" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">
                      <bdi>{colleague.name}</bdi>
                    </span>
                    <span className="block truncate text-xs text-slate-600">{colleague.email}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </search>
  );
}
