import Link from "next/link";
import { SIGN_IN_METHOD_LABELS } from "@/lib/accounts/sign-in-method";
import type { AdminUserRow, UsersPage } from "@/lib/admin/console";
import type { FormAction } from "@/lib/platform/form-state";
import { AdminRowAction } from "./AdminRowAction";
import { DeleteUserDialog } from "./DeleteUserDialog";
import { Timestamp } from "./Timestamp";

export interface AdminUserActions {
  deactivate: FormAction;
  reactivate: FormAction;
  remove: FormAction;
  grant: FormAction;
  revoke: FormAction;
}

const cell = "px-3 py-2 align-top";

/** The users table of the admin console: metadata and counts, never a message's content. */
export function AdminUsersTable({
  page,
  query,
  actions,
}: {
  page: UsersPage;
  query: string;
  actions: AdminUserActions;
}) {
  const link = (n: number) =>
    `/admin?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(n) })}`;
  return (
    <section className="flex flex-col gap-3">
      <search>
        <form method="get" action="/admin" className="flex gap-2">
          <input
            type="search"
            name="q"
            defaultValue={query}
            aria-label="Search users"
            placeholder="Search by name or email"
            className="w-full max-w-xs rounded-lg border border-slate-300 px-3 py-1.5 text-sm"
          />
          <button
            type="submit"
            className="rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300"
          >
            Search
          </button>
        </form>
      </search>
      <p className="text-xs text-slate-500">
        {page.total} {page.total === 1 ? "user" : "users"} {query ? "match" : "in all"}
      </p>
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="px-3 py-2 text-left font-semibold">Users</caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className={cell}>
                Name
              </th>
              <th scope="col" className={cell}>
                Email
              </th>
              <th scope="col" className={cell}>
                Role
              </th>
              <th scope="col" className={cell}>
                Joined
              </th>
              <th scope="col" className={cell}>
                Last active
              </th>
              <th scope="col" className={cell}>
                Messages sent
              </th>
              <th scope="col" className={cell}>
                Sign-in
              </th>
              <th scope="col" className={cell}>
                Status
              </th>
              <th scope="col" className={cell}>
                Actions
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.users.map((user) => (
              <UserRow key={user.id} user={user} actions={actions} />
            ))}
            {page.users.length === 0 && (
              <tr>
                <td colSpan={9} className={`${cell} text-center text-slate-600`}>
                  No users match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {page.pageCount > 1 && (
        <nav aria-label="Users pages" className="flex items-center gap-3 text-sm">
          {page.page > 1 && <Link href={link(page.page - 1)}>Previous page</Link>}
          <span>
            Page {page.page} of {page.pageCount}
          </span>
          {page.page < page.pageCount && <Link href={link(page.page + 1)}>Next page</Link>}
        </nav>
      )}
    </section>
  );
}

function UserRow({ user, actions }: { user: AdminUserRow; actions: AdminUserActions }) {
  const active = user.deactivatedAt === null;
  return (
    <tr>
      <th scope="row" className={`${cell} font-medium`}>
        <bdi>{user.name}</bdi>
      </th>
      <td className={cell}>
        <bdi>{user.email}</bdi>
      </td>
      <td className={cell}>{user.role === "admin" ? "Admin" : "Member"}</td>
      <td className={cell}>
        <Timestamp ms={user.createdAt} />
      </td>
      <td className={cell}>
        {user.lastActiveAt === null ? "Never" : <Timestamp ms={user.lastActiveAt} />}
      </td>
      <td className={cell}>{user.messagesSent}</td>
      <td className={cell}>{SIGN_IN_METHOD_LABELS[user.signInMethod]}</td>
      <td className={cell}>{active ? "Active" : "Deactivated"}</td>
      <td className={cell}>
        <div className="flex flex-wrap gap-2">
          {active ? (
            <AdminRowAction
              action={actions.deactivate}
              userId={user.id}
              label="Deactivate"
              pendingLabel="Deactivating…"
            />
          ) : (
            <AdminRowAction
              action={actions.reactivate}
              userId={user.id}
              label="Reactivate"
              pendingLabel="Reactivating…"
            />
          )}
          {user.role === "admin" ? (
            <AdminRowAction
              action={actions.revoke}
              userId={user.id}
              label="Remove admin"
              pendingLabel="Removing…"
            />
          ) : (
            <AdminRowAction
              action={actions.grant}
              userId={user.id}
              label="Make admin"
              pendingLabel="Granting…"
            />
          )}
          <DeleteUserDialog action={actions.remove} user={user} />
        </div>
      </td>
    </tr>
  );
}
