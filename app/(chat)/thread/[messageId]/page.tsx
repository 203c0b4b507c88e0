import type { Metadata } from "next";
import Link from "next/link";
import { ThreadView } from "@/components/ThreadView";
import { requireUser } from "@/lib/accounts/current-user";
import { threadFor } from "@/lib/messaging/cached-views";
import { idParam, orNotFound } from "@/lib/platform/http/not-found";

export const metadata: Metadata = { title: "Thread" };
export const revalidate = 60;

export default async function ThreadPage({
  params,
  searchParams,
}: {
  params: Promise<{ messageId: string }>;
  searchParams: Promise<{ branch?: string }>;
}) {
  const user = await requireUser();
  const messageId = idParam((await params).messageId);
  const { rootId, messages: thread } = await orNotFound(() => threadFor(user.id, messageId));
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
