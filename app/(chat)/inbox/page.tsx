import type { Metadata } from "next";
import { InboxList } from "@/components/InboxList";
import { PageHeading } from "@/components/PageHeading";
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
  const inbox = await loadInbox(user.id, before.success ? before.data : undefined);
  return (
    <>
      <PageHeading title="Inbox" markAllRead={inbox.total > 0 ? markAllReadAction : undefined} />
      <InboxList inbox={inbox} />
    </>
  );
}
