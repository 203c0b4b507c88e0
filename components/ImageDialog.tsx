"use client";

import { useRef } from "react";
import type { AttachmentView } from "@/lib/files/views";
import { fileUrl } from "./files-api";

/**
 * An image attachment: its thumbnail, a button that opens the full image in the modal
 * dialog "Image" (Escape closes it, focus comes back) with a link "Download".
 */
export function ImageDialog({ image }: { image: AttachmentView }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={opener}
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="block overflow-hidden rounded-lg ring-1 ring-slate-200 hover:ring-brand-500"
      >
        {/* biome-ignore lint/performance/noImgElement: an authorized API route, not a static asset */}
        <img
          src={fileUrl(image.id, image.thumbnail)}
          alt={image.name}
          width={image.width ?? undefined}
          height={image.height ?? undefined}
          loading="lazy"
          className="block h-auto max-h-60 w-auto max-w-72 object-contain"
        />
      </button>
      <dialog
        ref={dialog}
        aria-label="Image"
        onClose={() => opener.current?.focus()}
        className="m-auto max-h-[95vh] max-w-[95vw] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/60"
      >
        <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-4 py-2">
          <bdi className="truncate font-medium">{image.name}</bdi>
          <div className="flex items-center gap-2">
            <a
              href={fileUrl(image.id)}
              download={image.name}
              className="rounded px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
            >
              Download
            </a>
            <form method="dialog">
              <button type="submit" className="rounded px-2 py-1 text-sm hover:bg-slate-100">
                Close
              </button>
            </form>
          </div>
        </div>
        {/* biome-ignore lint/performance/noImgElement: an authorized API route, not a static asset */}
        <img
          src={fileUrl(image.id)}
          alt={image.name}
          className="block max-h-[80vh] max-w-[90vw] object-contain"
        />
      </dialog>
    </>
  );
}
