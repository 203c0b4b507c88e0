"use client";

import { useActionState, useEffect, useRef } from "react";
import { replyAction } from "@/lib/actions/chat";
import { initialFormState } from "@/lib/platform/form-state";
import { AttachFiles } from "./AttachFiles";
import { FormError } from "./FormError";
import { submitOnEnter } from "./keyboard";
import { MentionField } from "./MentionField";
import { useRefreshChat } from "./useRefreshChat";

interface ThreadReplyBoxProps {
  /** The message the reply answers: the thread's root unless a reply's "Reply" chose it. */
  parent: { id: number; senderName: string };
  isRoot: boolean;
  /** Back to replying to the root (Escape, or the "Reply to the thread" button). */
  onReset: () => void;
  /** Changes when a message's "Reply" picks this box: it takes the focus. */
  focusKey: number;
}

/**
 * The thread page's one reply box, under the tree: it answers the root, or the reply whose
 * "Reply" button was pressed. Enter sends, Shift+Enter is a new line, Escape goes back to
 * answering the root; `@` suggests who to mention.
 */
export function ThreadReplyBox({ parent, isRoot, onReset, focusKey }: ThreadReplyBoxProps) {
  const [state, submit, pending] = useActionState(replyAction, initialFormState);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const refreshChat = useRefreshChat();

  useEffect(() => {
    if (focusKey > 0) textarea.current?.focus();
  }, [focusKey]);

  useEffect(() => {
    if (!state.ok) return;
    refreshChat();
    onReset();
    textarea.current?.focus();
  }, [state, onReset, refreshChat]);

  return (
    <form
      action={submit}
      className="flex flex-col gap-2 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200"
      noValidate
    >
      <input type="hidden" name="parentMessageId" value={parent.id} />
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>
          Replying to {isRoot ? "the thread" : "a reply by"}{" "}
          {!isRoot && <bdi className="font-medium text-slate-800">{parent.senderName}</bdi>}
        </span>
        {!isRoot && (
          <button
            type="button"
            onClick={onReset}
            className="rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50"
          >
            Reply to the thread instead
          </button>
        )}
      </div>
      <FormError message={state.fieldErrors?.content?.[0] ?? state.error} />
      <AttachFiles clearOn={state.ok ? state : undefined} />
      <div className="flex items-end gap-2">
        <MentionField
          ref={textarea}
          place={{ messageId: parent.id }}
          name="content"
          aria-label="Reply"
          placeholder="Write a reply…"
          rows={2}
          defaultValue={state.values?.content ?? ""}
          onKeyDown={(event) => submitOnEnter(event, isRoot ? undefined : onReset)}
          className="min-h-12 w-full resize-y rounded-xl border border-slate-300 bg-white px-3 py-2 focus:border-brand-500"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          Send reply
        </button>
      </div>
    </form>
  );
}
