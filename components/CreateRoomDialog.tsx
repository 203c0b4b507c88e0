"use client";

import { usePathname } from "next/navigation";
import { useActionState, useEffect, useId, useRef } from "react";
import { createRoomAction } from "@/lib/actions/rooms";
import { initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";

const field =
  "w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 focus:border-brand-500";

/**
 * "Create room": a native modal dialog (focus moves in, Escape closes it) with the name,
 * the topic and open or private. A refused name keeps what was typed and says why.
 */
export function CreateRoomDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [state, formAction, pending] = useActionState(createRoomAction, initialFormState);
  const titleId = useId();
  const pathname = usePathname();
  // A created room opens at once: the dialog, which lives in the layout, closes with it.
  useEffect(() => {
    void pathname;
    dialog.current?.close();
  }, [pathname]);
  const nameError = state.fieldErrors?.name?.[0];
  const topicError = state.fieldErrors?.topic?.[0];
  const otherError = nameError || topicError ? undefined : state.error;
  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-md bg-brand-600 px-2 py-1 text-sm font-medium text-white hover:bg-brand-700"
      >
        Create room
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => opener.current?.focus()}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form action={formAction} className="flex flex-col gap-3 px-5 py-4" noValidate>
          <h2 id={titleId} className="text-lg font-semibold">
            Create room
          </h2>
          <FormError message={otherError} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            Room name
            <input
              name="name"
              required
              maxLength={81}
              defaultValue={state.values?.name}
              aria-invalid={Boolean(nameError) || undefined}
              aria-describedby={nameError ? `${titleId}-name-error` : undefined}
              className={field}
            />
          </label>
          {nameError && (
            <p id={`${titleId}-name-error`} role="alert" className="text-sm text-red-700">
              {nameError}
            </p>
          )}
          <label className="flex flex-col gap-1 text-sm font-medium">
            Topic
            <input
              name="topic"
              defaultValue={state.values?.topic}
              aria-invalid={Boolean(topicError) || undefined}
              className={field}
            />
          </label>
          {topicError && (
            <p role="alert" className="text-sm text-red-700">
              {topicError}
            </p>
          )}
          <fieldset className="flex gap-4 text-sm">
            <legend className="mb-1 font-medium">Who can find it</legend>
            <label className="flex items-center gap-1">
              <input
                type="radio"
                name="kind"
                value="open"
                defaultChecked={state.values?.kind !== "private"}
              />
              Open
            </label>
            <label className="flex items-center gap-1">
              <input
                type="radio"
                name="kind"
                value="private"
                defaultChecked={state.values?.kind === "private"}
              />
              Private
            </label>
          </fieldset>
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="rounded-lg px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              Cancel
            </button>
            <button
              type="submit"
              aria-busy={pending}
              className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              Create room
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
