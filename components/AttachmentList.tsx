import { ACCEPTED_TYPES, formatSize, isInlineImage } from "@/lib/files/limits";
import type { AttachmentView } from "@/lib/files/views";
import { fileUrl } from "./files-api";
import { ImageDialog } from "./ImageDialog";

/** A message's files: images as thumbnails, everything else as a card with "Download". */
export function AttachmentList({ attachments }: { attachments: AttachmentView[] }) {
  return (
    <ul aria-label="Attachments" className="mt-1 flex flex-wrap gap-2">
      {attachments.map((file) => (
        <li key={file.id}>
          {isInlineImage(file.mimeType) ? <ImageDialog image={file} /> : <FileCard file={file} />}
        </li>
      ))}
    </ul>
  );
}

function FileCard({ file }: { file: AttachmentView }) {
  const nameId = `file-${file.id}-name`;
  return (
    <div className="flex max-w-80 items-center gap-3 rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200">
      <span
        aria-hidden="true"
        className="flex size-9 shrink-0 items-center justify-center rounded bg-slate-100 text-xs font-bold uppercase text-slate-600"
      >
        {typeLabel(file)}
      </span>
      <span className="flex min-w-0 flex-col text-sm">
        <bdi id={nameId} className="truncate font-medium">
          {file.name}
        </bdi>
        <span className="text-xs text-slate-600">
          {ACCEPTED_TYPES[file.mimeType] ?? "File"}, {formatSize(file.size)}
        </span>
      </span>
      <a
        href={fileUrl(file.id)}
        download={file.name}
        aria-describedby={nameId}
        className="rounded px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
      >
        Download
      </a>
    </div>
  );
}

/** The icon's text: the kind of file at a glance (PDF, XLS, ZIP...). */
function typeLabel(file: AttachmentView): string {
  if (file.mimeType === "application/pdf") return "PDF";
  if (file.mimeType.includes("spreadsheet")) return "XLS";
  if (file.mimeType.includes("wordprocessing") || file.mimeType.includes("opendocument.text"))
    return "DOC";
  if (file.mimeType.includes("presentation")) return "PPT";
  if (file.mimeType === "application/zip") return "ZIP";
  if (file.mimeType === "text/plain") return "TXT";
  return file.mimeType.split("/")[0]?.slice(0, 3) ?? "FILE";
}
