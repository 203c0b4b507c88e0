"use client";

import { useRef, useState } from "react";
import type { MessageVersion } from "@/lib/messaging/edit-history";
import { Timestamp } from "./Timestamp";

type Load =
  | { state: "loading" }
  | { state: "error" }
  | { state: "done"; versions: MessageVersion[] };

/**
 * "View edit history": a native modal <dialog>, so focus moves into it, Escape closes it
 * and the page behind is inert. Focus goes back to the button when it closes.
 */
export function EditHistoryDialog({
  messageId,
  className,
}: {
  messageId: number;
  className: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [load, setLoad] = useState<Load>({ state: "loading" });

  async function open() {
    setLoad({ state: "loading" });
    dialog.current?.showModal();
    try {
      const response = await fetch(`/api/messages/${messageId}/history`);
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { versions: MessageVersion[] };
      setLoad({ state: "done", versions: body.versions });
    } catch {
      setLoad({ state: "error" });
    }
  }

  const titleId = `history-${messageId}-title`;
  return (
    <>
      <button ref={opener} type="button" className={className} onClick={open}>
        View edit history
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => opener.current?.focus()}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 id={titleId} className="text-lg font-semibold">
            Edit history
          </h2>
          <form method="dialog">
            <button type="submit" className="rounded px-2 py-1 text-sm hover:bg-slate-100">
              Close
            </button>
          </form>
        </div>
        <div className="max-h-[70vh] overflow-y-auto px-5 py-4">
          {load.state === "loading" && <p className="text-slate-500">Loading…</p>}
          {load.state === "error" && (
            <p role="alert" className="text-red-700">
              The history could not be loaded. Close this and try again.
            </p>
          )}
          {load.state === "done" && <VersionList versions={load.versions} />}
        </div>
      </dialog>
    </>
  );
}

function VersionList({ versions }: { versions: MessageVersion[] }) {
  return (
    <ol className="flex flex-col gap-3">
      {versions.map((version) => (
        <li
          key={version.writtenAt + version.content}
          className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200"
        >
          <div className="mb-1 flex flex-wrap items-baseline gap-x-2 text-sm">
            <bdi className="font-medium">{version.editorName}</bdi>
            <Timestamp ms={version.writtenAt} />
            {version.original && (
              <span className="rounded bg-slate-200 px-1.5 text-xs font-medium">Original</span>
            )}
            {version.current && (
              <span className="rounded bg-brand-100 px-1.5 text-xs font-medium text-brand-700">
                Current
              </span>
            )}
          </div>
          <VersionText version={version} />
        </li>
      ))}
    </ol>
  );
}

/**
 * The version as written, its new words highlighted; the words it dropped from the version
 * before are listed under it, struck through, so the text itself stays readable.
 */
function VersionText({ version }: { version: MessageVersion }) {
  if (!version.changes) return <p className="whitespace-pre-wrap break-words">{version.content}</p>;
  const removed = version.changes.filter((part) => part.kind === "removed" && part.text.trim());
  return (
    <>
      <p className="whitespace-pre-wrap break-words">
        {version.changes
          .filter((part) => part.kind !== "removed")
          .map((part, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff is rendered once and never reordered
            <DiffText key={index} {...part} />
          ))}
      </p>
      {removed.length > 0 && (
        <p className="mt-1 text-xs text-slate-600">
          Removed:{" "}
          {removed.map((part, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a diff is rendered once and never reordered
            <span key={index}>
              {index > 0 && " … "}
              <DiffText {...part} />
            </span>
          ))}
        </p>
      )}
    </>
  );
}

function DiffText({ kind, text }: { kind: "same" | "added" | "removed"; text: string }) {
  if (kind === "added")
    return <ins className="bg-emerald-100 text-emerald-900 no-underline">{text}</ins>;
  if (kind === "removed") return <del className="bg-red-100 text-red-800">{text}</del>;
  return <span>{text}</span>;
}
