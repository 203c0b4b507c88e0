import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ThreadView } from "@/components/ThreadView";
import { requireUser } from "@/lib/accounts/current-user";
import { threadFor } from "@/lib/messaging/cached-views";
import { findColleague } from "@/lib/messaging/conversations";
import { idParam, orNotFound } from "@/lib/platform/http/not-found";

export const revalidate = 60;

/** Loaded once per request, for the tab title and the page alike. */
const loadThread = cache(async (viewerId: number, messageId: number) =>
  orNotFound(() => threadFor(viewerId, messageId)),
);

/** "Thread with Ada Lovelace": the tab names the colleague (the unread count goes in front). */
export async function generateMetadata({
  params,
}: {
  params: Promise<{ messageId: string }>;
}): Promise<Metadata> {
  const user = await requireUser();
  const { messages } = await loadThread(user.id, idParam((await params).messageId));
  const root = messages[0];
  if (!root) return { title: "Thread" };
  const otherId = root.senderId === user.id ? root.receiverId : root.senderId;
  const name =
    otherId === user.id
      ? user.name
      : (messages.find((message) => message.senderId === otherId)?.senderName ??
        (await findColleague(otherId).catch(() => undefined))?.name);
  return { title: name ? `Thread with ${name}` : "Thread" };
}

export default async function ThreadPage({
  params,
  searchParams,
}: {
  params: Promise<{ messageId: string }>;
  searchParams: Promise<{ branch?: string }>;
}) {
  const user = await requireUser();
  const messageId = idParam((await params).messageId);
  const { rootId, messages: thread } = await loadThread(user.id, messageId);
  const branch = (await searchParams).branch === "1";
  const root = thread[0];
  if (!root) return null;
  const otherId = root.senderId === user.id ? root.receiverId : root.senderId;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold">Thread</h1>
        <div className="flex gap-3 text-sm">
          {branch && (
            <Link href={`/thread/${root.id}`} className="text-brand-600 hover:underline">
              Show the whole thread
            </Link>
          )}
          <Link href={`/messages/${otherId}`} className="text-brand-600 hover:underline">
            Back to the conversation
          </Link>
        </div>
      </div>
      <ThreadView
        rootId={rootId}
        initial={thread}
        viewerId={user.id}
        highlightId={messageId}
        branch={branch}
      />
    </div>
  );
}
