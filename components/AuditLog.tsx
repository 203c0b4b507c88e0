import type { AuditEntry } from "@/db/schema";
import { Timestamp } from "./Timestamp";

const WHAT: Record<AuditEntry["action"], string> = {
  deactivate: "deactivated",
  reactivate: "reactivated",
  delete: "deleted the account of",
  grant_admin: "made admin",
  revoke_admin: "removed admin from",
  password_refused: "entered a wrong current password, signed in as",
  archive_room: "archived the room",
};

/** Every admin action, newest first: who did what to whom, and when. */
export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No admin actions yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 rounded-xl bg-white text-sm shadow-sm ring-1 ring-slate-200">
      {entries.map((entry) => (
        <li
          key={entry.id}
          className="flex flex-wrap items-baseline justify-between gap-x-3 px-3 py-2"
        >
          <p>
            <bdi className="font-medium">{entry.actorName}</bdi>
            {entry.actorEmail && (
              <span className="text-slate-500">
                {" "}
                (<bdi>{entry.actorEmail}</bdi>)
              </span>
            )}{" "}
            {WHAT[entry.action]} <bdi className="font-medium">{entry.targetName}</bdi>{" "}
            {entry.targetEmail && (
              <span className="text-slate-500">
                (<bdi>{entry.targetEmail}</bdi>)
              </span>
            )}
          </p>
          <Timestamp ms={entry.createdAt} />
        </li>
      ))}
    </ol>
  );
}
