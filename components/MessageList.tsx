"use client";

import { type ReactNode, useRef } from "react";
import { useRovingFocus } from "./useRovingFocus";

/** The region "Messages" of a server-rendered page, one tab stop with arrow keys between messages. */
export function MessageList({ className, children }: { className: string; children: ReactNode }) {
  const list = useRef<HTMLElement>(null);
  useRovingFocus(list);
  return (
    <section ref={list} aria-label="Messages" className={className}>
      {children}
    </section>
  );
}
