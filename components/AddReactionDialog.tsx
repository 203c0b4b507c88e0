"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { EmojiEntry } from "@/lib/reactions/emoji-catalog";
import { recentEmoji } from "./recent-emoji";

type Search = (query: string, recent: string[]) => EmojiEntry[];

/**
 * "Add reaction": a native modal <dialog> with a "Search emoji" box over the emoji the
 * markdown's shortcodes know (names and shortcodes), the ones used lately first. Enter
 * picks the first match. The catalog loads the first time the dialog opens; Enter pressed
 * before it has arrived picks the first match as soon as it does.
 */
export function AddReactionDialog({
  messageId,
  className,
  onPick,
}: {
  messageId: number;
  className: string;
  onPick: (emoji: string) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [search, setSearch] = useState<{ run: Search } | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState("");
  const [recent, setRecent] = useState<string[]>([]);
  const [enterWhileLoading, setEnterWhileLoading] = useState(false);

  async function open() {
    setQuery("");
    setEnterWhileLoading(false);
    setRecent(recentEmoji());
    dialog.current?.showModal();
    if (search) return;
    try {
      const catalog = await import("@/lib/reactions/emoji-catalog");
      setSearch({ run: catalog.searchEmoji });
    } catch {
      setFailed(true);
    }
  }

  const pick = useCallback(
    (emoji: string) => {
      dialog.current?.close();
      onPick(emoji);
    },
    [onPick],
  );

  useEffect(() => {
    if (!enterWhileLoading || !search) return;
    setEnterWhileLoading(false);
    const first = search.run(query, recent)[0];
    if (first) pick(first.emoji);
  }, [enterWhileLoading, search, query, recent, pick]);

  const results = search ? search.run(query, recent) : [];
  const titleId = `reaction-${messageId}-title`;
  return (
    <>
      <button ref={opener} type="button" className={className} onClick={open}>
        Add reaction
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => opener.current?.focus()}
        className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
          <h2 id={titleId} className="text-lg font-semibold">
            Add reaction
          </h2>
          <form method="dialog">
            <button type="submit" className="rounded px-2 py-1 text-sm hover:bg-slate-100">
              Close
            </button>
          </form>
        </div>
        <div className="px-4 py-3">
          <input
            type="search"
            aria-label="Search emoji"
            placeholder="Search emoji (smile, +1, heart…)"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== "Enter") return;
              const first = results[0];
              if (first) pick(first.emoji);
              else if (!search && !failed) setEnterWhileLoading(true);
              else return;
              event.preventDefault();
            }}
            className="w-full rounded-lg px-3 py-1.5 ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
          {failed && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              The emoji could not be loaded. Close this and try again.
            </p>
          )}
          {search && results.length === 0 && (
            <p className="mt-2 text-sm text-slate-600">No emoji match “{query}”.</p>
          )}
          <ul aria-label="Emoji" className="mt-2 grid max-h-64 grid-cols-8 gap-1 overflow-y-auto">
            {results.map((entry) => (
              <li key={entry.emoji}>
                <button
                  type="button"
                  aria-label={`${entry.emoji} ${entry.name}`}
                  title={`${entry.name} :${entry.shortcodes[0]}:`}
                  onClick={() => pick(entry.emoji)}
                  className="flex h-9 w-9 items-center justify-center rounded text-xl hover:bg-slate-100"
                >
                  <span aria-hidden="true">{entry.emoji}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      </dialog>
    </>
  );
}
