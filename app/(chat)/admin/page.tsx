import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminRoomsTable } from "@/components/AdminRoomsTable";
import { AdminUsersTable } from "@/components/AdminUsersTable";
import { AuditLog } from "@/components/AuditLog";
import { MessagesChart } from "@/components/MessagesChart";
import { listUsers, messagesPerDay, overview, recentAuditEntries } from "@/lib/admin/console";
import { currentAdmin } from "@/lib/admin/current-admin";
import { adminRooms } from "@/lib/admin/rooms";
import { usersQuerySchema } from "@/lib/admin/schemas";
import {
  archiveRoomAsAdminAction,
  deactivateUserAction,
  deleteUserAction,
  grantAdminAction,
  reactivateUserAction,
  revokeAdminAction,
} from "./actions";

/** Members get the 404 page: its title too, not the console's. */
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await currentAdmin()) ? "Admin" : "Not found" };
}

const actions = {
  deactivate: deactivateUserAction,
  reactivate: reactivateUserAction,
  remove: deleteUserAction,
  grant: grantAdminAction,
  revoke: revokeAdminAction,
};

function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The admin console: for admins only; anyone else gets the 404 of a page that is not there. */
export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await currentAdmin())) notFound();
  const query = usersQuerySchema.parse(await searchParams);
  const [users, stats, perDay, audit, rooms] = await Promise.all([
    listUsers(query),
    overview(),
    messagesPerDay(),
    recentAuditEntries(),
    adminRooms(),
  ]);
  const figures: [string, string][] = [
    ["Users", String(stats.users)],
    ["Deactivated", String(stats.deactivated)],
    ["Active in the last day", String(stats.activeDay)],
    ["Active in the last 7 days", String(stats.activeWeek)],
    ["Database size", formatBytes(stats.databaseBytes)],
    ["Files stored", formatBytes(stats.fileBytes)],
    ["Open event streams (this server)", String(stats.openStreams)],
  ];
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Admin</h1>
      <section aria-labelledby="overview-heading" className="flex flex-col gap-3">
        <h2 id="overview-heading" className="text-lg font-semibold">
          Overview
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {figures.map(([label, value]) => (
            <div key={label} className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-lg font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-slate-500">
          Active: signed in or sent a message. Counts and metadata only: the console never shows
          what anyone wrote.
        </p>
        <MessagesChart days={perDay} />
      </section>
      <AdminUsersTable page={users} query={query.q} actions={actions} />
      <AdminRoomsTable rooms={rooms} archive={archiveRoomAsAdminAction} />
      <section aria-labelledby="audit-heading" className="flex flex-col gap-3">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit log
        </h2>
        <AuditLog entries={audit} />
      </section>
    </div>
  );
}
