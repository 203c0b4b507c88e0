import type { Metadata } from "next";
import { InboxList } from "@/components/InboxList";
import { loadInbox } from "@/lib/inbox";
import { requireUser } from "@/lib/session";
import { idSchema } from "@/lib/validation";
import { markAllReadAction } from "../actions";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string }>;
}) {
  const user = await requireUser();
  const before = idSchema.safeParse((await searchParams).before);
  const inbox = loadInbox(user.id, before.success ? before.data : undefined);
  return (
    <>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Inbox</h1>
        {inbox.total > 0 && (
          <form action={markAllReadAction}>
            <button
              type="submit"
              className="rounded-lg px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50"
            >
              Mark all as read
            </button>
          </form>
        )}
      </div>
      <InboxList inbox={inbox} />
    </>
  );
}
