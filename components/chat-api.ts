import type { ConversationMessage, ConversationPage } from "@/lib/messaging/conversations";
import type { ThreadMessage } from "@/lib/messaging/subthread";
import type { UnreadCounts } from "@/lib/unread/notifications";

/** The browser's side of the JSON API, for react-query. Errors carry the server's message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/**
 * react-query's retry rule for a send: a lost answer or a server gone behind the load
 * balancer is tried again (up to three times); the same idempotency key makes that safe.
 */
export function retryLostSend(failures: number, error: unknown): boolean {
  return failures < 3 && error instanceof ApiError && (error.status === 0 || error.status >= 502);
}

/** What a failed send tells the user: the server's reason, or a generic retry prompt. */
export function errorMessage(error: unknown, fallback = "Sending failed. Try again.") {
  if (!error) return undefined;
  return error instanceof ApiError ? error.message : fallback;
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: {
        Accept: "application/json",
        ...(init?.body ? { "Content-Type": "application/json" } : {}),
      },
    });
  } catch {
    throw new ApiError("You seem to be offline. Check your connection and try again.", 0);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(
      body.error ?? "Something went wrong. Try again.",
      response.status,
      body.fieldErrors,
    );
  }
  return body as T;
}

export function fetchConversationPage(otherId: number, before?: number) {
  const query = before ? `?before=${before}` : "";
  return request<ConversationPage>(`/api/conversations/${otherId}${query}`);
}

/** One page of a room, older than message `before` (Load older). */
export function fetchRoomPage(roomId: number, before: number) {
  return request<{ messages: ConversationMessage[]; hasOlder: boolean }>(
    `/api/rooms/${roomId}?before=${before}`,
  );
}

export function fetchThread(messageId: number) {
  return request<{ rootId: number; messages: ThreadMessage[] }>(`/api/threads/${messageId}`);
}

export function fetchCounts() {
  return request<UnreadCounts>("/api/counts");
}

export interface SentMessage {
  id: number;
  senderId: number;
  receiverId: number;
  content: string;
  createdAt: number;
}

/**
 * Sends a message. `idempotencyKey` names this send: should the answer be lost (a server
 * dying behind the load balancer), sending again with the same key cannot store it twice.
 */
export function postMessage(
  to: { receiverId: number } | { roomId: number },
  content: string,
  idempotencyKey: string,
  attachmentIds: number[] = [],
) {
  return request<SentMessage>("/api/messages", {
    method: "POST",
    body: JSON.stringify({ ...to, content, idempotencyKey, attachmentIds }),
  });
}

/** Marks received messages read (those that have been on screen). */
export function postRead(messageIds: number[]) {
  return request<{ changed: number }>("/api/messages/read", {
    method: "POST",
    body: JSON.stringify({ messageIds }),
  });
}

/**
 * The member has read the room up to its newest message, and with `watching` starts or
 * ends watching it (lib/rooms/watching.ts); answers the unread counts.
 */
export function postRoomRead(roomId: number, watching?: boolean) {
  // keepalive: sent even when it goes as the tab closes.
  return request<UnreadCounts>(`/api/rooms/${roomId}/read`, {
    method: "POST",
    keepalive: true,
    ...(watching === undefined ? {} : { body: JSON.stringify({ watching }) }),
  });
}

/** Turns the user's reaction on a message on or off (the server flips it). */
export function postReaction(messageId: number, emoji: string) {
  return request<{ messageId: number; emoji: string; reacted: boolean }>(
    `/api/messages/${messageId}/reactions`,
    { method: "POST", body: JSON.stringify({ emoji }) },
  );
}
