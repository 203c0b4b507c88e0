"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { chatKeys, directoryKeys } from "@/lib/live/query-keys";
import { fetchColleagues, fetchMyRooms } from "./directory-api";

const DEBOUNCE_MS = 150;

interface Destination {
  key: string;
  label: string;
  detail: string;
  href: string;
}

/**
 * Ctrl/Cmd+K on every signed-in page: the dialog "Quick switcher", a combobox "Jump to"
 * offering the viewer's rooms (by name) and colleagues (the colleague finder's matches);
 * ArrowUp/Down choose, Enter opens the chosen one (the first by default), Escape closes.
 */
export function QuickSwitcher() {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const box = useRef<HTMLInputElement>(null);
  const opener = useRef<Element | null>(null);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const titleId = useId();
  const listId = useId();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const commandK =
        (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k";
      if (!commandK) return;
      event.preventDefault();
      if (dialog.current?.open) return;
      opener.current = document.activeElement;
      setText("");
      setQuery("");
      setActive(0);
      setOpen(true);
      dialog.current?.showModal();
      box.current?.focus();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const rooms = useQuery({
    queryKey: chatKeys.rooms,
    queryFn: fetchMyRooms,
    enabled: open,
    staleTime: 30_000,
  });
  const colleagues = useQuery({
    queryKey: directoryKeys.colleagues(query),
    queryFn: () => fetchColleagues(query),
    enabled: open && query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const wanted = text.trim().replace(/^#/, "").toLowerCase();
  const destinations: Destination[] =
    wanted.length === 0
      ? []
      : [
          ...(rooms.data ?? [])
            .filter((room) => room.name.toLowerCase().includes(wanted))
            .map((room) => ({
              key: `room-${room.id}`,
              label: `#${room.name}`,
              detail: room.archived ? "Room, archived" : "Room",
              href: `/rooms/${room.id}`,
            })),
          ...(query === text.trim() ? (colleagues.data ?? []) : []).map((colleague) => ({
            key: `user-${colleague.id}`,
            label: colleague.name,
            detail: colleague.email,
            href: `/messages/${colleague.id}`,
          })),
        ];
  const activeIndex = Math.min(active, destinations.length - 1);

  /**
   * Closes and gives focus back at once. The dialog's `close` event comes a task later, and
   * focus moved there would undo whatever the user did in between (a click, a blur, `/`).
   */
  function close() {
    if (!dialog.current?.open) return;
    dialog.current.close();
    if (opener.current instanceof HTMLElement && opener.current.isConnected) {
      opener.current.focus();
    }
  }

  function go(destination: Destination | undefined) {
    if (!destination) return;
    close();
    router.push(destination.href);
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClose={() => setOpen(false)}
      className="m-auto mt-[15vh] w-[min(32rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex flex-col gap-2 px-4 py-3">
        <h2 id={titleId} className="text-base font-semibold">
          Quick switcher
        </h2>
        <input
          ref={box}
          type="text"
          role="combobox"
          aria-label="Jump to"
          aria-expanded={destinations.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={
            activeIndex >= 0 && destinations.length > 0 ? `${listId}-${activeIndex}` : undefined
          }
          placeholder="Jump to a colleague or a #room"
          autoComplete="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
              event.preventDefault();
              if (destinations.length === 0) return;
              const step = event.key === "ArrowDown" ? 1 : -1;
              setActive((activeIndex + step + destinations.length) % destinations.length);
            } else if (event.key === "Enter") {
              event.preventDefault();
              go(destinations[activeIndex]);
            }
          }}
          className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
        />
        <div id={listId} role="listbox" aria-label="Destinations" className="flex flex-col">
          {destinations.map((destination, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's arrow keys and Enter choose
            <div
              key={destination.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              tabIndex={-1}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(destination)}
              className={`cursor-pointer rounded-md px-2 py-1.5 text-sm ${i === activeIndex ? "bg-brand-100" : "hover:bg-slate-100"}`}
            >
              <bdi className="font-medium">{destination.label}</bdi>
              <span className="ml-2 text-xs text-slate-600">{destination.detail}</span>
            </div>
          ))}
        </div>
        {wanted.length > 0 &&
          destinations.length === 0 &&
          !colleagues.isFetching &&
          query === text.trim() && (
            <p className="text-sm text-slate-600">No colleague or room matches.</p>
          )}
        <p className="text-xs text-slate-500">
          Enter opens the first match (or the one chosen with the arrow keys); Escape closes.
        </p>
      </div>
    </dialog>
  );
}
