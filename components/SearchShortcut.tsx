"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { SEARCH_BOX_ID } from "./search-box-id";

/** True while the user is typing somewhere: `/` is then their text, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * `/` (when not typing), on every signed-in page: to /search with the box focused (its
 * autoFocus does it after navigating; on /search itself, we do). Ctrl/Cmd+K is the quick
 * switcher's (QuickSwitcher).
 */
export function SearchShortcut() {
  const router = useRouter();
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const slash =
        event.key === "/" &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !isTyping(event.target);
      if (!slash) return;
      event.preventDefault();
      const box = document.getElementById(SEARCH_BOX_ID);
      if (box instanceof HTMLInputElement) {
        box.focus();
        box.select();
      } else {
        router.push("/search");
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [router]);
  return null;
}
