"use client";

import { REFUSED_WRITE } from "@/lib/platform/http/origin";

/**
 * What a page's error boundary shows. A write the server refused for its origin carries a
 * message that says why and which setting to change (lib/platform/http/origin.ts): that one is shown as
 * is; any other error stays generic.
 */
export function PageError({ error, reset }: { error: Error; reset: () => void }) {
  const refused = error.message.startsWith(REFUSED_WRITE);
  return (
    <div
      role="alert"
      className="rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200"
    >
      <h1 className="mb-2 text-lg font-semibold">
        {refused ? "This change was refused" : "Something went wrong"}
      </h1>
      <p className="mb-4 text-slate-600">
        {refused ? error.message : "This page could not be loaded. Your messages are safe."}
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </div>
  );
}
