import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import { deleteMessage, editMessage, sendMessage } from "@/lib/messages";
import { markRead } from "@/lib/read-state";
import type { Result } from "@/lib/result";
import { replyToMessage } from "@/lib/threads";
import type { Person } from "./database";

/** Every message of the conversation Ada is not part of carries this marker. */
export const FOREIGN_MARKER = "bo-cy-secret";

export interface Scenario {
  /** Ada -> Bo, read by Bo. */
  adaToBo: number;
  /** Ada -> Bo, not read yet. */
  adaToBoUnread: number;
  /** Bo -> Ada, unread, edited once by Bo. */
  boToAda: number;
  /** Ada -> Bo with a reply from Bo, then deleted by Ada: a tombstone. */
  tombstone: number;
  /** Bo -> Cy, read by Cy, edited once: the foreign conversation's root. */
  foreignRoot: number;
  /** Cy's reply to foreignRoot, and Bo's reply to that. */
  foreignReply: number;
  foreignNestedReply: number;
  /** Bo's (unread) notification of adaToBoUnread and of foreignReply; Cy's of foreignRoot. */
  bosNotification: number;
  bosForeignNotification: number;
  cysNotification: number;
}

function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`seeding failed: ${result.error}`);
  return result.data;
}

function notificationOf(messageId: number): number {
  const row = getDb()
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.messageId, messageId))
    .get();
  if (!row) throw new Error(`no notification for message ${messageId}`);
  return row.id;
}

/**
 * Two conversations: Ada <-> Bo (Ada's own) and Bo <-> Cy (foreign to Ada), with replies,
 * edits, read states and a tombstone, written through lib/ before the server starts.
 */
export function seedScenario([ada, bo, cy]: Person[]): Scenario {
  if (!ada || !bo || !cy) throw new Error("the scenario needs Ada, Bo and Cy");
  const send = (from: Person, to: Person, content: string) =>
    must(sendMessage(from.id, { receiverId: to.id, content })).id;
  const reply = (from: Person, parentMessageId: number, content: string) =>
    must(replyToMessage(from.id, { parentMessageId, content })).id;

  const adaToBo = send(ada, bo, "ada to bo");
  must(markRead(bo.id, { messageIds: [adaToBo] }));
  const adaToBoUnread = send(ada, bo, "ada to bo, unread");
  const boToAda = send(bo, ada, "bo to ada");
  must(editMessage(bo.id, { messageId: boToAda, content: "bo to ada, edited" }));
  const tombstone = send(ada, bo, "ada to bo, soon deleted");
  reply(bo, tombstone, "bo keeps the thread alive");
  must(deleteMessage(ada.id, { messageId: tombstone }));

  const foreignRoot = send(bo, cy, `${FOREIGN_MARKER} root`);
  must(editMessage(bo.id, { messageId: foreignRoot, content: `${FOREIGN_MARKER} root, edited` }));
  must(markRead(cy.id, { messageIds: [foreignRoot] }));
  const foreignReply = reply(cy, foreignRoot, `${FOREIGN_MARKER} reply`);
  const foreignNestedReply = reply(bo, foreignReply, `${FOREIGN_MARKER} nested reply`);

  return {
    adaToBo,
    adaToBoUnread,
    boToAda,
    tombstone,
    foreignRoot,
    foreignReply,
    foreignNestedReply,
    bosNotification: notificationOf(adaToBoUnread),
    bosForeignNotification: notificationOf(foreignReply),
    cysNotification: notificationOf(foreignRoot),
  };
}
