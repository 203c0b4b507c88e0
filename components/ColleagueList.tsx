import Link from "next/link";
import type { Colleague } from "@/lib/messaging/conversations";
import { previewOf } from "@/lib/platform/markdown/plain-text";
import { Avatar } from "./Avatar";
import { CountBadge } from "./CountBadge";
import { Timestamp } from "./Timestamp";

export function ColleagueList({ colleagues }: { colleagues: Colleague[] }) {
  if (colleagues.length <= 1) {
    return (
      <p className="rounded-xl bg-white p-6 text-center text-slate-600 shadow-sm ring-1 ring-slate-200">
        No colleagues yet. When others join Cairo Chat they appear here.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      {colleagues.map((colleague) => (
        <li
          key={colleague.id}
          className="relative flex items-center gap-3 px-4 py-3 hover:bg-slate-50"
        >
          <Avatar name={colleague.name} />
          <div className="min-w-0 flex-1">
            <div className="flex items-baseline justify-between gap-2">
              <Link
                href={`/messages/${colleague.id}`}
                className="truncate font-medium after:absolute after:inset-0"
              >
                <bdi>{colleague.name}</bdi>
                {colleague.deactivated && " (deactivated)"}
              </Link>
              {colleague.isSelf && <span className="text-xs text-slate-500">you · notes</span>}
              {colleague.lastMessageAt !== null && <Timestamp ms={colleague.lastMessageAt} />}
            </div>
            <p className="truncate text-sm text-slate-600">
              {colleague.lastMessage === null ? (
                "No messages yet"
              ) : (
                <>
                  {colleague.lastFromMe ? "You: " : ""}
                  <bdi>{previewOf(colleague.lastMessage)}</bdi>
                </>
              )}
            </p>
          </div>
          <CountBadge count={colleague.unread} />
        </li>
      ))}
    </ul>
  );
}
