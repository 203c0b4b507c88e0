import "server-only";
import { desc, type SQL, sql } from "drizzle-orm";
import { db, firstRow, perDialect, rows } from "@/db/query";
import { type AuditEntry, auditLog } from "@/db/schema";
import { type SignInMethod, signInMethod } from "@/lib/accounts/sign-in-method";
import { openStreamCount } from "../live/stream-limit";

/**
 * What the admin console reads: counts and metadata, never message contents. Each function
 * is one statement, whatever the number of users or messages.
 */

export const USERS_PER_PAGE = 25;
const DAY_MS = 86_400_000;
export const CHART_DAYS = 30;

export interface AdminUserRow {
  id: number;
  name: string;
  email: string;
  role: "member" | "admin";
  createdAt: number;
  deactivatedAt: number | null;
  messagesSent: number;
  /** The newest of its last sign-in (a live session's start) and its last message sent. */
  lastActiveAt: number | null;
  /** How the account signs in: its own password, single sign-on, or either. */
  signInMethod: SignInMethod;
}

export interface UsersPage {
  users: AdminUserRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** `%`, `_` and the escape character itself match literally in a LIKE pattern. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page of users, searched by name or email, oldest account first: one statement. */
export async function listUsers({ q = "", page = 1 }: { q?: string; page?: number }) {
  const pattern = likePattern(q);
  const search: SQL = q
    ? sql`where lower(u.name) like ${pattern} escape '\\' or u.email like ${pattern} escape '\\'`
    : sql``;
  const found = await rows<{
    id: number;
    name: string;
    email: string;
    role: "member" | "admin";
    created_at: number;
    deactivated_at: number | null;
    messages_sent: number;
    last_message_at: number | null;
    last_sign_in_at: number | null;
    password_hash: string;
    sso_subject: string | null;
    total: number;
  }>(sql`
    select u.id, u.name, u.email, u.role, u.created_at, u.deactivated_at,
      case when u.password_hash = '' then '' else 'x' end as password_hash, u.sso_subject,
      (select count(*) from messages m where m.sender_id = u.id) as messages_sent,
      (select max(m.created_at) from messages m where m.sender_id = u.id) as last_message_at,
      (select max(s.created_at) from sessions s where s.user_id = u.id) as last_sign_in_at,
      count(*) over () as total
    from users u
    ${search}
    order by u.id
    limit ${USERS_PER_PAGE} offset ${(page - 1) * USERS_PER_PAGE}`);
  const total = Number(found[0]?.total ?? 0);
  const users = found.map((row): AdminUserRow => {
    const times = [row.last_message_at, row.last_sign_in_at].filter((t) => t !== null);
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      createdAt: Number(row.created_at),
      deactivatedAt: row.deactivated_at === null ? null : Number(row.deactivated_at),
      messagesSent: Number(row.messages_sent),
      lastActiveAt: times.length ? Math.max(...times.map(Number)) : null,
      signInMethod: signInMethod({ passwordHash: row.password_hash, ssoSubject: row.sso_subject }),
    };
  });
  return { users, total, page, pageCount: Math.max(1, Math.ceil(total / USERS_PER_PAGE)) };
}

export interface Overview {
  users: number;
  deactivated: number;
  /** Users who signed in or sent a message in the last 24 hours, and the last 7 days. */
  activeDay: number;
  activeWeek: number;
  databaseBytes: number;
  /** The bytes of every stored attachment (thumbnails aside), sent or not yet. */
  fileBytes: number;
  /** Open live-event streams on this server (each server counts its own). */
  openStreams: number;
}

/** The overview's figures: one statement. */
export async function overview(now = Date.now()): Promise<Overview> {
  const activeSince = (since: number) => sql`(select count(*) from (
      select sender_id as id from messages where created_at >= ${since}
      union
      select user_id from sessions where created_at >= ${since}) as active)`;
  const databaseBytes = perDialect({
    sqlite: () => sql`(select page_count * page_size from pragma_page_count(), pragma_page_size())`,
    postgres: () => sql`pg_database_size(current_database())`,
  });
  const row = await firstRow<Record<keyof Omit<Overview, "openStreams">, number | string>>(sql`
    select
      (select count(*) from users) as users,
      (select count(*) from users where deactivated_at is not null) as deactivated,
      ${activeSince(now - DAY_MS)} as "activeDay",
      ${activeSince(now - 7 * DAY_MS)} as "activeWeek",
      ${databaseBytes} as "databaseBytes",
      (select coalesce(sum(size), 0) from attachments) as "fileBytes"`);
  return {
    users: Number(row?.users ?? 0),
    deactivated: Number(row?.deactivated ?? 0),
    activeDay: Number(row?.activeDay ?? 0),
    activeWeek: Number(row?.activeWeek ?? 0),
    databaseBytes: Number(row?.databaseBytes ?? 0),
    fileBytes: Number(row?.fileBytes ?? 0),
    openStreams: openStreamCount(),
  };
}

export interface DayCount {
  /** Midnight UTC of the day, ms. */
  day: number;
  messages: number;
}

/** Messages sent per UTC day over the last CHART_DAYS days, today included, zeros too. */
export async function messagesPerDay(now = Date.now()): Promise<DayCount[]> {
  const today = Math.floor(now / DAY_MS);
  const first = today - CHART_DAYS + 1;
  // A literal divisor: the grouped expression must be the selected one, parameters differ.
  const dayOf = sql.raw(`created_at / ${DAY_MS}`);
  const found = await rows<{ day: number | string; n: number | string }>(sql`
    select ${dayOf} as day, count(*) as n
    from messages
    where created_at >= ${first * DAY_MS}
    group by ${dayOf}`);
  const byDay = new Map(found.map((row) => [Number(row.day), Number(row.n)]));
  return Array.from({ length: CHART_DAYS }, (_, i) => ({
    day: (first + i) * DAY_MS,
    messages: byDay.get(first + i) ?? 0,
  }));
}

export const AUDIT_ENTRIES_SHOWN = 50;

/** The newest audit entries first: one statement. */
export function recentAuditEntries(limit = AUDIT_ENTRIES_SHOWN): Promise<AuditEntry[]> {
  return db()
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
