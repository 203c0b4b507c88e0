"use client";

import {
  type KeyboardEvent,
  type Ref,
  type TextareaHTMLAttributes,
  useId,
  useImperativeHandle,
  useRef,
  useState,
} from "react";
import { typedMention } from "@/lib/platform/markdown/mentions";
import {
  fetchMentionSuggestions,
  type MentionPlace,
  type MentionSuggestion,
  mentionAtCaret,
} from "./mention-query";

interface MentionFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  ref?: Ref<HTMLTextAreaElement | null>;
  /** Where the box writes: whose names `@` suggests. */
  place: MentionPlace;
}

/**
 * A message box where `@` suggests the conversation's members: the listbox "Mention
 * suggestions" under the box, filtered as one types. The box keeps its textbox role and
 * name (a contract), with the combobox pattern's attributes: `aria-autocomplete`,
 * `aria-controls` and `aria-activedescendant` on it while the list is open, so a screen
 * reader follows the highlighted option. Arrow keys move, Enter or Tab picks, Escape
 * closes; a click picks too. Picking inserts `@**Name**`, which the server turns into a
 * mention that survives renames (lib/mentions), or `@room` for "Everyone in the room".
 */
export function MentionField({
  ref,
  place,
  onKeyDown,
  onInput,
  onBlur,
  ...props
}: MentionFieldProps) {
  const field = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => field.current as HTMLTextAreaElement);
  const listId = useId();
  const [suggestions, setSuggestions] = useState<MentionSuggestion[]>([]);
  const [active, setActive] = useState(0);
  const [at, setAt] = useState<number | null>(null);
  const request = useRef<AbortController | null>(null);
  const open = at !== null && suggestions.length > 0;

  function close() {
    request.current?.abort();
    setAt(null);
    setSuggestions([]);
  }

  function lookUp() {
    const box = field.current;
    const found =
      box && box.selectionStart === box.selectionEnd
        ? mentionAtCaret(box.value, box.selectionStart)
        : null;
    if (!found) return close();
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setAt(found.start);
    fetchMentionSuggestions(place, found.query, controller.signal)
      .then((list) => {
        if (controller.signal.aborted) return;
        setSuggestions(list);
        setActive(0);
      })
      .catch(() => {
        // Aborted by the next keystroke, or offline: no list.
      });
  }

  function pick(suggestion: MentionSuggestion) {
    const box = field.current;
    if (!box || at === null) return;
    const caret = box.selectionStart;
    const inserted = `${suggestion.kind === "room" ? "@room" : typedMention(suggestion.name)} `;
    box.value = box.value.slice(0, at) + inserted + box.value.slice(caret);
    const after = at + inserted.length;
    box.setSelectionRange(after, after);
    box.focus();
    close();
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      const picked = suggestions[active];
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && picked) {
        event.preventDefault();
        pick(picked);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close();
        return;
      }
    }
    onKeyDown?.(event);
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="relative flex min-w-0 flex-1">
      <textarea
        {...props}
        ref={field}
        onKeyDown={keyDown}
        onInput={(event) => {
          lookUp();
          onInput?.(event);
        }}
        onClick={lookUp}
        onBlur={(event) => {
          close();
          onBlur?.(event);
        }}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
      />
      {open && (
        <div
          id={listId}
          role="listbox"
          aria-label="Mention suggestions"
          className="absolute bottom-full left-0 z-20 mb-1 max-h-60 w-64 overflow-y-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200"
        >
          {suggestions.map((suggestion, index) => (
            <div
              key={suggestion.kind ?? suggestion.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // The focus stays in the box (aria-activedescendant); a click picks.
              tabIndex={-1}
              onKeyDown={(event) => {
                if (event.key === "Enter") pick(suggestion);
              }}
              // Keep the focus (and the caret) in the box.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(suggestion)}
              onMouseEnter={() => setActive(index)}
              className={`cursor-pointer px-3 py-1.5 text-sm ${
                index === active ? "bg-brand-600 text-white" : "text-slate-800"
              }`}
            >
              <bdi>{suggestion.name}</bdi>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
