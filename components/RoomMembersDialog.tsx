"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import {
  addRoomMemberAction,
  makeRoomAdminAction,
  removeRoomMemberAction,
} from "@/lib/actions/rooms";
import { directoryKeys } from "@/lib/live/query-keys";
import type { FormState } from "@/lib/platform/form-state";
import type { RoomMemberView } from "@/lib/rooms/rooms";
import { fetchColleagues } from "./directory-api";
import { FormError } from "./FormError";

const DEBOUNCE_MS = 200;

/**
 * "Members": the room's members in a modal dialog. In a private room, members add
 * colleagues from "Add people": a searchbox whose options each add that colleague. A room
 * admin can make another member an admin ("Make admin") or remove them ("Remove").
 */
export function RoomMembersDialog({
  roomId,
  members,
  canAdd,
  manager,
}: {
  roomId: number;
  members: RoomMemberView[];
  canAdd: boolean;
  /** The viewer's id when they are an admin of the room (not archived); else undefined. */
  manager?: number;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-100"
      >
        Members
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => opener.current?.focus()}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 id={titleId} className="text-lg font-semibold">
            Members
          </h2>
          <form method="dialog">
            <button type="submit" className="rounded px-2 py-1 text-sm hover:bg-slate-100">
              Close
            </button>
          </form>
        </div>
        <div className="flex max-h-[70vh] flex-col gap-3 overflow-y-auto px-5 py-4">
          {canAdd && <AddPeople roomId={roomId} memberIds={members.map((m) => m.userId)} />}
          <ul className="flex flex-col gap-1">
            {members.map((member) => (
              <li key={member.userId} className="flex items-center gap-2 text-sm">
                <span className="min-w-0 flex-1">
                  <bdi>{member.name}</bdi>
                  {member.role === "admin" && <span className="text-slate-600"> (admin)</span>}
                </span>
                {manager !== undefined && member.userId !== manager && (
                  <MemberActions roomId={roomId} member={member} />
                )}
              </li>
            ))}
          </ul>
        </div>
      </dialog>
    </>
  );
}

const memberButton =
  "rounded px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100 disabled:opacity-60";

/** A room admin's buttons for another member; the server checks the role on every call. */
function MemberActions({ roomId, member }: { roomId: number; member: RoomMemberView }) {
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  function run(action: (roomId: number, userId: number) => Promise<FormState>) {
    startTransition(async () => {
      const state = await action(roomId, member.userId);
      if (state.ok) {
        setError(undefined);
        router.refresh();
      } else setError(state.error);
    });
  }
  return (
    <span className="flex items-center gap-1">
      <FormError message={error} inline />
      {member.role !== "admin" && (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(makeRoomAdminAction)}
          className={memberButton}
        >
          Make admin
        </button>
      )}
      <button
        type="button"
        disabled={pending}
        onClick={() => run(removeRoomMemberAction)}
        className={memberButton}
      >
        Remove
      </button>
    </span>
  );
}

function AddPeople({ roomId, memberIds }: { roomId: number; memberIds: number[] }) {
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const listId = useId();
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const { data } = useQuery({
    queryKey: directoryKeys.colleagues(query),
    queryFn: () => fetchColleagues(query),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = (data ?? []).filter((colleague) => !memberIds.includes(colleague.id));
  const showing = query.length > 0 && text.trim().length > 0;
  // aria-controls must name an element that is there: the list, once it has options.
  const listed = showing && options.length > 0;

  function add(userId: number) {
    startTransition(async () => {
      const state = await addRoomMemberAction(roomId, userId);
      if (state.ok) {
        setText("");
        setError(undefined);
        router.refresh();
      } else setError(state.error);
    });
  }

  return (
    <div className="flex flex-col gap-1">
      <input
        type="search"
        aria-label="Add people"
        placeholder="Add people"
        aria-controls={listed ? listId : undefined}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm"
      />
      <FormError message={error} />
      <div aria-live="polite" aria-busy={pending}>
        {listed && (
          <div id={listId} role="listbox" aria-label="People to add" className="flex flex-col">
            {options.map((colleague) => (
              <div
                key={colleague.id}
                role="option"
                aria-selected={false}
                tabIndex={0}
                onClick={() => add(colleague.id)}
                onKeyDown={(event) => {
                  if (event.key === "Enter" || event.key === " ") {
                    event.preventDefault();
                    add(colleague.id);
                  }
                }}
                className="cursor-pointer rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 focus:bg-slate-100"
              >
                <bdi>{colleague.name}</bdi>{" "}
                <span className="text-xs text-slate-600">{colleague.email}</span>
              </div>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
