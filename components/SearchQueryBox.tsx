"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { chatKeys, directoryKeys } from "@/lib/live/query-keys";
import { fetchColleagues, fetchMyRooms } from "./directory-api";
import { SEARCH_BOX_ID } from "./search-box-id";
import { type FilterAtCaret, filterAtCaret, withFilter } from "./search-filter-at";

const DEBOUNCE_MS = 150;

interface Suggestion {
  key: string;
  label: string;
  detail?: string;
  /** What goes after `from:`, `with:` or `in:`. */
  value: string;
}

/**
 * The search box. Typing `from:`/`with:` offers the colleague finder's matches, `in:` the
 * viewer's rooms, in a listbox "Filter suggestions" (ArrowUp/Down to move, Enter or a click
 * to pick, Escape to close); picking one writes the colleague's email (unambiguous) or
 * the room's #name. Without JavaScript it is the plain box of the GET form.
 */
export function SearchQueryBox({ q, error }: { q: string; error?: string }) {
  const [text, setText] = useState(q);
  const [at, setAt] = useState<FilterAtCaret | undefined>();
  const [partial, setPartial] = useState("");
  const [active, setActive] = useState(-1);
  const [closed, setClosed] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => {
    const timer = setTimeout(() => setPartial(at?.partial ?? ""), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [at?.partial]);

  const wantsColleagues = at !== undefined && at.key !== "in" && partial.length > 0;
  const colleagues = useQuery({
    queryKey: directoryKeys.colleagues(partial),
    queryFn: () => fetchColleagues(partial),
    enabled: wantsColleagues,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const rooms = useQuery({
    queryKey: chatKeys.rooms,
    queryFn: fetchMyRooms,
    enabled: at?.key === "in",
    staleTime: 30_000,
  });

  let suggestions: Suggestion[] = [];
  if (at && !closed) {
    if (at.key === "in") {
      const wanted = at.partial.toLowerCase();
      suggestions = (rooms.data ?? [])
        .filter((room) => room.name.toLowerCase().includes(wanted))
        .map((room) => ({
          key: `room-${room.id}`,
          label: `#${room.name}`,
          value: `#${room.name}`,
        }));
    } else if (wantsColleagues && partial === at.partial) {
      suggestions = (colleagues.data ?? []).map((colleague) => ({
        key: `user-${colleague.id}`,
        label: colleague.name,
        detail: colleague.email,
        value: colleague.email,
      }));
    }
  }
  const open = suggestions.length > 0;
  const activeIndex = active < suggestions.length ? active : -1;
  const sameName =
    at?.key !== "in" && suggestions.length > 1
      ? `"${at?.partial}" could be ${suggestions.length} colleagues: pick one.`
      : "";

  function follow(input: HTMLInputElement) {
    setText(input.value);
    setAt(filterAtCaret(input.value, input.selectionStart ?? input.value.length));
    setActive(-1);
    setClosed(false);
  }

  function pick(suggestion: Suggestion) {
    if (!at) return;
    const next = withFilter(text, at, suggestion.value);
    setText(next.text);
    setAt(undefined);
    setActive(-1);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(next.caret, next.caret);
    });
  }

  return (
    <div className="relative min-w-0 flex-1">
      <input
        ref={box}
        id={SEARCH_BOX_ID}
        type="search"
        name="q"
        value={text}
        onChange={(event) => follow(event.currentTarget)}
        onClick={(event) => follow(event.currentTarget)}
        onBlur={() => setClosed(true)}
        onKeyDown={(event) => {
          if (!open) return;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            const step = event.key === "ArrowDown" ? 1 : -1;
            setActive((activeIndex + step + suggestions.length + 1) % (suggestions.length + 1));
          } else if (event.key === "Enter" && activeIndex >= 0) {
            event.preventDefault();
            pick(suggestions[activeIndex] as Suggestion);
          } else if (event.key === "Escape") {
            event.preventDefault();
            setClosed(true);
          }
        }}
        aria-label="Search messages"
        aria-describedby="search-help"
        aria-invalid={error ? true : undefined}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
        placeholder='Search messages: words, "a phrase", from:name, with:name, in:#room, after:2026-01-31'
        maxLength={1000}
        autoComplete="off"
        // The shortcut brings people here to type at once.
        // biome-ignore lint/a11y/noAutofocus: the page exists to type a query into
        autoFocus
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
      />
      <p className="sr-only" aria-live="polite">
        {sameName}
      </p>
      {open && (
        <div className="absolute inset-x-0 top-full z-20 mt-1 rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200">
          {sameName && <p className="px-3 py-1 text-xs text-slate-600">{sameName}</p>}
          <div id={listId} role="listbox" aria-label="Filter suggestions">
            {suggestions.map((suggestion, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the box's arrow keys and Enter pick options
              <div
                key={suggestion.key}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === activeIndex}
                // The focus stays in the box (aria-activedescendant): options are not tab stops.
                tabIndex={-1}
                // Keeps the focus (and the caret) in the box while clicking.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => pick(suggestion)}
                className={`cursor-pointer px-3 py-1.5 text-sm ${i === activeIndex ? "bg-brand-100" : "hover:bg-slate-100"}`}
              >
                <bdi className="font-medium">{suggestion.label}</bdi>
                {suggestion.detail && (
                  <span className="ml-2 text-xs text-slate-600">{suggestion.detail}</span>
                )}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
