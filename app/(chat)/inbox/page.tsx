import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InboxList } from "@/components/InboxList";
import { PageHeading } from "@/components/PageHeading";
import { requireUser } from "@/lib/accounts/current-user";
import { markAllReadAction } from "@/lib/actions/chat";
import { isInboxCursor } from "@/lib/messaging/cursors";
import { idSchema } from "@/lib/platform/validation";
import { loadInbox } from "@/lib/unread/inbox";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string }>;
}) {
  const user = await requireUser();
  const beforeParam = (await searchParams).before;
  let before: number | undefined;
  if (beforeParam !== undefined) {
    // A cursor must be a message of this inbox: anything else is a 404, never a page.
    const parsed = idSchema.safeParse(beforeParam);
    if (!parsed.success || !(await isInboxCursor(user.id, parsed.data))) notFound();
    before = parsed.data;
  }
  const inbox = await loadInbox(user.id, before);
  return (
    <>
      <PageHeading title="Inbox" markAllRead={inbox.total > 0 ? markAllReadAction : undefined} />
      <InboxList inbox={inbox} />
    </>
  );
}
