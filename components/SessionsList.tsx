import type { ListedSession } from "@/lib/accounts/sessions";
import { SubmitButton } from "./SubmitButton";
import { Timestamp } from "./Timestamp";

/**
 * The account's signed-in sessions, this device first and marked: a device the person does
 * not recognise can be signed out on its own. Each button's name carries the device, so a
 * screen reader tells them apart; the visible text is "Sign out".
 */
export function SessionsList({
  sessions,
  endSession,
}: {
  sessions: ListedSession[];
  endSession: (form: FormData) => Promise<void>;
}) {
  return (
    <ul aria-label="Signed-in sessions" className="mb-4 divide-y divide-slate-100">
      {sessions.map((session) => (
        <li
          key={session.handle}
          aria-label={`${session.device}${session.current ? ", this device" : ""}`}
          className="flex flex-wrap items-center justify-between gap-3 py-2"
        >
          <div>
            <p className="font-medium">
              <bdi>{session.device}</bdi>
              {session.current && (
                <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800">
                  This device
                </span>
              )}
            </p>
            <p className="text-xs text-slate-500">
              Last seen <Timestamp ms={session.lastSeenAt} />, signed in{" "}
              <Timestamp ms={session.createdAt} />
            </p>
          </div>
          <form action={endSession}>
            <input type="hidden" name="session" value={session.handle} />
            <SubmitButton pendingLabel="Signing out…" className="px-3 py-1 text-sm">
              Sign out
              <span className="sr-only">
                {" "}
                {session.current ? "this device" : <bdi>{session.device}</bdi>}
              </span>
            </SubmitButton>
          </form>
        </li>
      ))}
    </ul>
  );
}
