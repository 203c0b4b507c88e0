import type { AttachmentView } from "@/lib/files/views";

export interface UploadLimits {
  maxUploadMb: number;
  maxAttachments: number;
}

let limits: Promise<UploadLimits> | undefined;

/** The server's limits, asked once per page: checked before any upload starts. */
export function uploadLimits(): Promise<UploadLimits> {
  limits ??= fetch("/api/uploads", { headers: { Accept: "application/json" } })
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json() as Promise<UploadLimits>;
    })
    .catch((error) => {
      limits = undefined;
      throw error;
    });
  return limits;
}

/**
 * Uploads one file's bytes as the request body (XMLHttpRequest: fetch reports no upload
 * progress). Resolves with the stored attachment; rejects with the server's reason.
 */
export function uploadFile(
  file: Blob,
  name: string,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<AttachmentView> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/uploads");
    request.setRequestHeader("X-File-Name", encodeURIComponent(name));
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: { error?: string } & Partial<AttachmentView> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {}
      if (request.status === 201) resolve(body as AttachmentView);
      else reject(new Error(body.error ?? `${name} could not be uploaded. Try again.`));
    };
    request.onerror = () =>
      reject(new Error(`${name} could not be uploaded: you seem to be offline.`));
    signal.addEventListener("abort", () => request.abort());
    request.send(file);
  });
}

export function fileUrl(id: number, thumbnail = false) {
  return `/api/files/${id}${thumbnail ? "?size=thumbnail" : ""}`;
}
