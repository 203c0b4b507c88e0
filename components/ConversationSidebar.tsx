"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { directoryKeys } from "@/lib/live/query-keys";
import type { RecentConversation } from "@/lib/messaging/recent-conversations";
import { Avatar } from "./Avatar";
import { fetchRecentConversations } from "./directory-api";
import { PresenceDot } from "./PresenceDot";

/** The recent conversations, kept fresh by the live stream (lib/live/apply.ts). */
export function useRecentConversations(initial?: RecentConversation[]) {
  return useQuery({
    queryKey: directoryKeys.recent,
    queryFn: fetchRecentConversations,
    initialData: initial,
  });
}

/**
 * The recent conversations, newest activity first, each a link named by the colleague with
 * the number of their messages still unread. Live: events update it in place.
 */
export function ConversationSidebar({
  initial,
  viewerId,
}: {
  initial: RecentConversation[];
  viewerId: number;
}) {
  const { data = initial } = useRecentConversations(initial);
  const pathname = usePathname();
  return (
    <nav aria-label="Conversations" className="flex min-h-0 flex-col gap-1">
      <h2 className="px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
        Conversations
      </h2>
      {data.length === 0 ? (
        <p className="px-2 text-sm text-slate-600">
          No conversations yet. Find a colleague to start one.
        </p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {data.map((conversation) => {
            const href = `/messages/${conversation.id}`;
            const current = pathname === href;
            return (
              <li key={conversation.id} className="relative">
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className={`flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 ${
                    current ? "bg-brand-50 font-semibold" : ""
                  } ${conversation.unread > 0 ? "font-semibold" : ""}`}
                >
                  <Avatar name={conversation.name} size="sm" />
                  <span className="min-w-0 flex-1 truncate">
                    <bdi>{conversation.name}</bdi>
                    {conversation.id === viewerId && (
                      <span className="font-normal text-slate-600"> (notes)</span>
                    )}
                  </span>
                  <UnreadCount count={conversation.unread} />
                </Link>
                {/* Beside the link, not in it: the link keeps its name (the colleague's). */}
                {conversation.id !== viewerId && (
                  <PresenceDot
                    userId={conversation.id}
                    className="pointer-events-none absolute top-[1.375rem] left-[1.625rem] h-2.5 w-2.5"
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}

/** The count in the link's name reads "3 unread"; on screen, a badge with the number. */
export function UnreadCount({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="min-w-5 rounded-full bg-brand-600 px-1.5 text-center text-xs font-semibold text-white">
      {count > 99 ? "99+" : count}
      <span className="sr-only"> unread</span>
    </span>
  );
}
