"use client";

import { type RefObject, useEffect } from "react";

/** What the Tab key stops at inside a message: its links, buttons and fields. */
const FOCUSABLE = "a[href], button, input, textarea, select, summary, [tabindex]";
/** Marks a control taken out of the tab order here, with the tabindex it had ("" for none). */
const PARKED = "data-roving-parked";

/**
 * A roving focus over a list of messages (the WAI-ARIA feed pattern, as Slack and Zulip
 * do): the list is ONE tab stop, the current message (the newest until another is
 * focused); ArrowUp/Down move between messages, Home/End to the first and last; Enter goes
 * into the message's actions (Reply, Edit, ...), where Tab moves between them and past the
 * last leaves the list, and Escape goes back to the message. The controls inside a message
 * are in the tab order only while the focus is among them, whoever added them (a
 * MutationObserver parks what appears later). `items` selects the messages in `container`.
 */
export function useRovingFocus(
  container: RefObject<HTMLElement | null>,
  items = ":scope article[id^='message-']",
): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    let current: HTMLElement | null = null;
    // The current message stays the newest as messages arrive, until another is chosen.
    let onNewest = true;
    const list = () => [...root.querySelectorAll<HTMLElement>(items)];
    const itemOf = (node: Node | null) => {
      const found = list();
      return found.find((item) => item.contains(node)) ?? null;
    };
    const controls = (item: HTMLElement) =>
      [...item.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el !== item);

    const park = (item: HTMLElement) => {
      for (const control of controls(item)) {
        if (control.hasAttribute(PARKED) || control.getAttribute("tabindex") === "-1") continue;
        control.setAttribute(PARKED, control.getAttribute("tabindex") ?? "");
        control.setAttribute("tabindex", "-1");
      }
    };
    const unpark = (item: HTMLElement) => {
      for (const control of item.querySelectorAll<HTMLElement>(`[${PARKED}]`)) {
        const was = control.getAttribute(PARKED);
        control.removeAttribute(PARKED);
        if (was) control.setAttribute("tabindex", was);
        else control.removeAttribute("tabindex");
      }
    };

    /** Every message's tabindex and controls, as the focus and the current message say. */
    const settle = () => {
      const found = list();
      if (!current || !found.includes(current) || onNewest) current = found.at(-1) ?? null;
      // Only a message whose actions hold the focus keeps them in the tab order: from the
      // message itself, Tab leaves the list.
      const active = document.activeElement;
      const inside = itemOf(active);
      const focused = inside !== active ? inside : null;
      for (const item of found) {
        item.tabIndex = item === current ? 0 : -1;
        if (item === focused) unpark(item);
        else park(item);
      }
    };

    const choose = (item: HTMLElement) => {
      current = item;
      onNewest = item === list().at(-1);
    };
    const move = (item: HTMLElement | undefined) => {
      if (!item) return;
      choose(item);
      settle();
      item.focus();
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const item = itemOf(event.target as Node);
      if (!item) return;
      if (event.target !== item) {
        // Inside a message's actions: Escape goes back to the message.
        if (event.key === "Escape" && !(event.target as Element).closest("dialog, form")) {
          event.preventDefault();
          item.focus();
        }
        return;
      }
      const found = list();
      const index = found.indexOf(item);
      const targets: Record<string, HTMLElement | undefined> = {
        ArrowUp: found[index - 1],
        ArrowDown: found[index + 1],
        Home: found[0],
        End: found.at(-1),
      };
      if (event.key in targets) {
        event.preventDefault();
        move(targets[event.key]);
      } else if (event.key === "Enter") {
        unpark(item);
        const first = controls(item).find((control) => control.tabIndex >= 0);
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      const item = itemOf(event.target as Node);
      if (item) choose(item);
      settle();
    };
    const onFocusOut = (event: FocusEvent) => {
      // Where the focus goes next: still inside the same message keeps it open.
      if (itemOf(event.relatedTarget as Node | null) === itemOf(event.target as Node)) return;
      queueMicrotask(settle);
    };

    settle();
    const observer = new MutationObserver(() => settle());
    observer.observe(root, { childList: true, subtree: true });
    root.addEventListener("keydown", onKeyDown);
    root.addEventListener("focusin", onFocusIn);
    root.addEventListener("focusout", onFocusOut);
    return () => {
      observer.disconnect();
      root.removeEventListener("keydown", onKeyDown);
      root.removeEventListener("focusin", onFocusIn);
      root.removeEventListener("focusout", onFocusOut);
    };
  }, [container, items]);
}
