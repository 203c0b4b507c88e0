"use client";

export default function ChatError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div
      role="alert"
      className="rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200"
    >
      <h1 className="mb-2 text-lg font-semibold">Something went wrong</h1>
      <p className="mb-4 text-slate-600">This page could not be loaded. Your messages are safe.</p>
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
