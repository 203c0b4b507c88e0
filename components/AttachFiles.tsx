"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { cleanFileName, refusalBeforeUpload } from "@/lib/files/limits";
import { AttachmentChips, type Chip } from "./AttachmentChips";
import { uploadFile, uploadLimits } from "./files-api";

let serial = 0;

/**
 * "Attach files" for a message form: the button, dragging files onto the conversation and
 * pasting an image all upload at once, each file a chip with its progress. The stored ids
 * go with the form as `attachmentIds`; sending waits until every upload has finished.
 * Limits are checked before an upload starts. `clearOn` changes after a stored send.
 */
export function AttachFiles({ clearOn }: { clearOn?: unknown }) {
  const [chips, setChips] = useState<Chip[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const wrapper = useRef<HTMLDivElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const uploads = useRef(new Map<string, AbortController>());
  const chipsRef = useRef(chips);
  chipsRef.current = chips;

  useEffect(() => {
    if (clearOn === undefined || clearOn === null) return;
    setChips([]);
    setErrors([]);
  }, [clearOn]);

  const add = useCallback(async (files: File[]) => {
    if (files.length === 0) return;
    let limits: Awaited<ReturnType<typeof uploadLimits>>;
    try {
      limits = await uploadLimits();
    } catch {
      setErrors(["The files could not be attached: you seem to be offline."]);
      return;
    }
    const refused: string[] = [];
    const room = limits.maxAttachments - chipsRef.current.length;
    if (files.length > room) {
      refused.push(`A message can carry at most ${limits.maxAttachments} files.`);
    }
    const accepted: { file: File; chip: Chip }[] = [];
    for (const file of files.slice(0, Math.max(0, room))) {
      const name = cleanFileName(file.name || "pasted-image.png");
      const reason = refusalBeforeUpload({ name, size: file.size }, limits.maxUploadMb);
      if (reason) {
        refused.push(reason);
        continue;
      }
      accepted.push({ file, chip: { key: `f${++serial}`, name, size: file.size, progress: 0 } });
    }
    setErrors(refused);
    setChips((current) => [...current, ...accepted.map((a) => a.chip)]);
    for (const { file, chip } of accepted) {
      const abort = new AbortController();
      uploads.current.set(chip.key, abort);
      const update = (change: Partial<Chip>) =>
        setChips((current) => current.map((c) => (c.key === chip.key ? { ...c, ...change } : c)));
      uploadFile(file, chip.name, (progress) => update({ progress }), abort.signal)
        .then((stored) => update({ id: stored.id, progress: 1 }))
        .catch((error: Error) => {
          if (abort.signal.aborted) return;
          setChips((current) => current.filter((c) => c.key !== chip.key));
          setErrors((current) => [...current, error.message]);
        })
        .finally(() => uploads.current.delete(chip.key));
    }
  }, []);

  // Paste an image into the form; drop files anywhere on the conversation (its <main>).
  useEffect(() => {
    const form = wrapper.current?.closest("form");
    const zone = wrapper.current?.closest("main") ?? document.body;
    if (!form) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      void add(files);
    };
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      void add([...(event.dataTransfer?.files ?? [])]);
    };
    // Sending while a file is still uploading would send the message without it.
    const onSubmit = (event: SubmitEvent) => {
      if (!chipsRef.current.some((chip) => chip.id === undefined)) return;
      event.preventDefault();
      event.stopPropagation();
      setErrors(["Wait for the files to finish uploading, then send."]);
    };
    form.addEventListener("paste", onPaste);
    form.addEventListener("submit", onSubmit, true);
    zone.addEventListener("dragover", onDragOver);
    zone.addEventListener("drop", onDrop);
    return () => {
      form.removeEventListener("paste", onPaste);
      form.removeEventListener("submit", onSubmit, true);
      zone.removeEventListener("dragover", onDragOver);
      zone.removeEventListener("drop", onDrop);
    };
  }, [add]);

  function remove(key: string) {
    uploads.current.get(key)?.abort();
    setChips((current) => current.filter((chip) => chip.key !== key));
  }

  const ids = chips.flatMap((chip) => (chip.id === undefined ? [] : [chip.id]));
  return (
    <div ref={wrapper} className="flex flex-col gap-2">
      <input type="hidden" name="attachmentIds" value={ids.join(",")} />
      {errors.length > 0 && (
        <ul role="alert" className="text-sm text-red-700">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => picker.current?.click()}
          className="rounded-lg px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100"
        >
          Attach files
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            void add([...(event.currentTarget.files ?? [])]);
            event.currentTarget.value = "";
          }}
        />
        <AttachmentChips chips={chips} onRemove={remove} />
      </div>
    </div>
  );
}
