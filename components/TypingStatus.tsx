"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { currentTypists, type Typist, typingPlace, typingText } from "@/lib/live/apply-signals";
import { signalKeys } from "@/lib/live/query-keys";
import { TYPING_EVERY_MS, TYPING_SHOWN_MS } from "@/lib/live/typing-timing";
import { COMPOSER_ID } from "./Composer";
import { noteToldActive } from "./presence-watch";

type Target = { roomId: number } | { receiverId: number };

/**
 * "Amira is typing…" under a conversation's message box, in a status region (announced
 * politely), live from the stream; each name goes TYPING_SHOWN_MS after its latest signal
 * or when their message arrives. Typing in this page's message box tells the others, at
 * most once every TYPING_EVERY_MS.
 */
export function TypingStatus({ target, viewerId }: { target: Target; viewerId: number }) {
  const place = typingPlace(target);
  const { data } = useQuery({
    queryKey: signalKeys.typing(place),
    queryFn: async (): Promise<Typist[]> => [],
    initialData: [],
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [now, setNow] = useState(0);
  useEffect(() => {
    // Again after each tick (`now`): the next name to go gets its own timer.
    const current = currentTypists(data, Math.max(Date.now(), now), viewerId);
    if (current.length === 0) return;
    const nextEnd = Math.min(...current.map((t) => t.at + TYPING_SHOWN_MS));
    const timer = setTimeout(() => setNow(Date.now()), Math.max(nextEnd - Date.now(), 0) + 20);
    return () => clearTimeout(timer);
  }, [data, now, viewerId]);
  useTypingSender(target);
  const names = currentTypists(data, Math.max(now, newest(data)), viewerId).map((t) => t.name);
  return (
    <p role="status" className="min-h-5 text-sm text-slate-600 italic">
      {typingText(names)}
    </p>
  );
}

/** The time of the latest signal: what arrived since the last tick is shown. */
const newest = (typists: Typist[]) => Math.max(0, ...typists.map((t) => t.at));

/** Tells the conversation when this page's message box is typed in (throttled). */
function useTypingSender(target: Target) {
  const body = JSON.stringify(target);
  useEffect(() => {
    let last = 0;
    const typed = (event: Event) => {
      const field = event.target;
      if (!(field instanceof HTMLTextAreaElement) || field.id !== COMPOSER_ID) return;
      if (field.value.trim() === "" || Date.now() - last < TYPING_EVERY_MS) return;
      last = Date.now();
      noteToldActive(last);
      void fetch("/api/typing", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      }).catch(() => {});
    };
    document.addEventListener("input", typed);
    return () => document.removeEventListener("input", typed);
  }, [body]);
}
