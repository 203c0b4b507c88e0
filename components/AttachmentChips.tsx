"use client";

import { formatSize } from "@/lib/files/limits";

export interface Chip {
  key: string;
  name: string;
  size: number;
  /** 0 to 1 while uploading; 1 once stored. */
  progress: number;
  /** The stored upload's id, once the server has it. */
  id?: number;
}

/** The files about to be sent: name, size, a progress bar while uploading, and "Remove attachment". */
export function AttachmentChips({
  chips,
  onRemove,
}: {
  chips: Chip[];
  onRemove: (key: string) => void;
}) {
  if (chips.length === 0) return null;
  return (
    <ul aria-label="Files to send" className="flex flex-wrap gap-2">
      {chips.map((chip) => {
        const nameId = `chip-${chip.key}`;
        const uploading = chip.id === undefined;
        return (
          <li
            key={chip.key}
            className="flex max-w-64 items-center gap-2 rounded-lg bg-slate-100 px-2 py-1 text-sm ring-1 ring-slate-200"
          >
            <span className="flex min-w-0 flex-col">
              <bdi id={nameId} className="truncate font-medium">
                {chip.name}
              </bdi>
              <span className="text-xs text-slate-600">{formatSize(chip.size)}</span>
              {uploading && (
                <progress
                  aria-label={`Uploading ${chip.name}`}
                  max={1}
                  value={chip.progress}
                  className="h-1.5 w-32"
                />
              )}
            </span>
            <button
              type="button"
              aria-label="Remove attachment"
              aria-describedby={nameId}
              onClick={() => onRemove(chip.key)}
              className="rounded px-1.5 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
