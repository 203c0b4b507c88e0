import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-full items-center justify-center px-4">
      <div className="rounded-2xl bg-white p-8 text-center shadow ring-1 ring-slate-200">
        <h1 className="mb-2 text-xl font-semibold">Not found</h1>
        <p className="mb-4 text-slate-600">This page does not exist, or it is not yours to see.</p>
        <Link href="/messages" className="font-medium text-brand-600 hover:underline">
          Back to your messages
        </Link>
      </div>
    </main>
  );
}
