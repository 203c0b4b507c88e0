import fs from "node:fs";
import path from "node:path";
import type { Client } from "./http";

/**
 * Calls server actions over raw HTTP, as React's client does: a POST to the page that uses
 * the action, with its id in the `Next-Action` header and the arguments encoded the way
 * React's `encodeReply` encodes them. Ids come from the build's server-reference manifest.
 */
export const ACTIONS = {
  sendMessageAction: "app/(chat)/messages/[userId]/actions.ts",
  replyAction: "lib/actions/chat.ts",
  editMessageAction: "lib/actions/chat.ts",
  deleteMessageAction: "lib/actions/chat.ts",
  markUnreadAction: "lib/actions/chat.ts",
  markAllReadAction: "lib/actions/chat.ts",
  openNotificationAction: "lib/actions/chat.ts",
  markAllNotificationsReadAction: "lib/actions/chat.ts",
  deleteAccountAction: "app/(chat)/settings/account/actions.ts",
  signOutAction: "lib/actions/chat.ts",
  changePasswordAction: "app/(chat)/settings/password/actions.ts",
  signOutEverywhereAction: "app/(chat)/settings/password/actions.ts",
  loginAction: "app/(auth)/login/actions.ts",
  ssoSignInAction: "app/(auth)/login/actions.ts",
  registerAction: "app/(auth)/register/actions.ts",
  deactivateUserAction: "app/(chat)/admin/actions.ts",
  reactivateUserAction: "app/(chat)/admin/actions.ts",
  deleteUserAction: "app/(chat)/admin/actions.ts",
  grantAdminAction: "app/(chat)/admin/actions.ts",
  revokeAdminAction: "app/(chat)/admin/actions.ts",
  removeRoomMemberAction: "lib/actions/rooms.ts",
  createRoomAction: "lib/actions/rooms.ts",
} as const;
export type ActionName = keyof typeof ACTIONS;

interface ManifestEntry {
  filename: string;
  exportedName: string;
}

let ids: Map<string, string> | undefined;

export function actionId(name: ActionName): string {
  if (!ids) {
    const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
      node: Record<string, ManifestEntry>;
    };
    ids = new Map(
      Object.entries(manifest.node).map(([id, entry]) => [
        `${entry.filename}#${entry.exportedName}`,
        id,
      ]),
    );
  }
  const id = ids.get(`${ACTIONS[name]}#${name}`);
  if (!id) throw new Error(`server action ${name} is not in the build's manifest`);
  return id;
}

export interface ActionResponse {
  status: number;
  contentType: string;
  text: string;
  /** What the action returned (a FormState for the form actions), when it returned. */
  result: unknown;
  /** The action threw: the flight payload carries an error instead of a value. */
  threw: boolean;
  /** Where a redirect (the proxy's, to /login) points. */
  location: string | null;
  /** Where the action itself redirected to (React's client follows it). */
  actionRedirect: string | null;
}

export interface ActionCall {
  /** The page the form lives on: the action runs in that page's request context. */
  page: string;
  /** Overrides for headers (a foreign Origin, a different Next-Action id); "" removes one. */
  headers?: Record<string, string>;
  /** Send exactly this body instead of encoding arguments. */
  rawBody?: BodyInit;
}

/** A form action `(previousState, formData)`: what `useActionState` posts. */
export function callFormAction(
  client: Client,
  name: ActionName,
  fields: Record<string, string | Blob>,
  call: ActionCall,
): Promise<ActionResponse> {
  const body = new FormData();
  // "$K1" points at the FormData whose fields are "_1_*". Row 0, the argument list, goes
  // last, as React sends it: the server decodes as the body streams in.
  for (const [key, value] of Object.entries(fields)) body.append(`_1_${key}`, value);
  body.set("0", JSON.stringify([{}, "$K1"]));
  return post(client, actionId(name), call.rawBody ?? body, call);
}

/**
 * A form posted without JavaScript (progressive enhancement, or a cross-site form): no
 * Next-Action header; the action's id travels as a `$ACTION_ID_<id>` field.
 */
export function callActionWithoutJavaScript(
  client: Client,
  name: ActionName,
  fields: Record<string, string>,
  call: ActionCall,
): Promise<ActionResponse> {
  const body = new FormData();
  body.set(`$ACTION_ID_${actionId(name)}`, "");
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return post(client, "", body, { ...call, headers: { accept: "text/html", ...call.headers } });
}

/** An action called with plain values, e.g. `signOutAction()`. */
export function callAction(
  client: Client,
  name: ActionName,
  args: unknown[],
  call: ActionCall,
): Promise<ActionResponse> {
  return post(client, actionId(name), call.rawBody ?? JSON.stringify(escapeStrings(args)), call);
}

/** React marks its references with a leading "$"; a literal "$" is written "$$". */
function escapeStrings(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeStrings(v)]));
  }
  return value;
}

async function post(client: Client, id: string, body: BodyInit, call: ActionCall) {
  const headers: Record<string, string> = {
    accept: "text/x-component",
    ...(id ? { "next-action": id } : {}),
    origin: client.origin,
    ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}),
    ...call.headers,
  };
  // An empty value removes a header (a request without Origin, say).
  for (const [name, value] of Object.entries(headers)) if (value === "") delete headers[name];
  const response = await client.fetch(call.page, { method: "POST", headers, body });
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  const { result, threw } = contentType.includes("text/x-component")
    ? actionResult(text)
    : { result: undefined, threw: false };
  const location = response.headers.get("location");
  const actionRedirect = response.headers.get("x-action-redirect");
  return { status: response.status, contentType, text, result, threw, location, actionRedirect };
}

/**
 * The action's value in a flight payload: row 0 is `{"a": "$@<row>", ...}` (or the value
 * inline); the referenced row holds the value, or an `E{...}` error row if it threw.
 */
export function actionResult(payload: string): { result: unknown; threw: boolean } {
  const rows = flightRows(payload);
  const root = rows.get("0");
  if (root === undefined) return { result: undefined, threw: false };
  const reference = (JSON.parse(root) as { a?: unknown }).a;
  if (typeof reference === "string" && reference.startsWith("$@")) {
    const row = rows.get(reference.slice(2));
    if (row === undefined) return { result: undefined, threw: false };
    if (row.startsWith("E")) return { result: JSON.parse(row.slice(1)), threw: true };
    return { result: JSON.parse(row), threw: false };
  }
  return { result: reference, threw: false };
}

/**
 * Splits a flight payload into rows `<hex id>:<data>`. Most rows end at a newline; text rows
 * (`<id>:T<hex byte length>,<text>`) carry their length instead, and no newline.
 */
function flightRows(payload: string): Map<string, string> {
  const bytes = Buffer.from(payload, "utf8");
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(":", at);
    if (colon < 0) break;
    const id = bytes.toString("utf8", at, colon);
    if (bytes[colon + 1] === "T".charCodeAt(0)) {
      const comma = bytes.indexOf(",", colon);
      const length = Number.parseInt(bytes.toString("utf8", colon + 2, comma), 16);
      rows.set(id, bytes.toString("utf8", comma + 1, comma + 1 + length));
      at = comma + 1 + length;
    } else {
      const end = bytes.indexOf("\n", colon);
      const stop = end < 0 ? bytes.length : end;
      rows.set(id, bytes.toString("utf8", colon + 1, stop));
      at = stop + 1;
    }
  }
  return rows;
}

/** A FormState the action handed back to the form. */
export interface FormStateResult {
  ok?: boolean;
  error?: string;
  fieldErrors?: Record<string, string[]>;
}

export function formState(response: ActionResponse): FormStateResult | undefined {
  const value = response.result;
  return value && typeof value === "object" ? (value as FormStateResult) : undefined;
}
