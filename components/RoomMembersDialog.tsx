"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { addRoomMemberAction } from "@/lib/actions/rooms";
import { directoryKeys } from "@/lib/live/query-keys";
import type { RoomMemberView } from "@/lib/rooms/rooms";
import { fetchColleagues } from "./directory-api";
import { FormError } from "./FormError";

const DEBOUNCE_MS = 200;

/**
 * "Members": the room's members in a modal dialog. In a private room, members add
 * colleagues from "Add people": a searchbox whose options each add that colleague.
 */
export function RoomMembersDialog({
  roomId,
  members,
  canAdd,
}: {
  roomId: number;
  members: RoomMemberView[];
  canAdd: boolean;
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
              <li key={member.userId} className="text-sm">
                <bdi>{member.name}</bdi>
                {member.role === "admin" && <span className="text-slate-600"> (admin)</span>}
              </li>
            ))}
          </ul>
        </div>
      </dialog>
    </>
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
        aria-controls={listId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm"
      />
      <FormError message={error} />
      <div aria-live="polite" aria-busy={pending}>
        {showing && options.length > 0 && (
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
