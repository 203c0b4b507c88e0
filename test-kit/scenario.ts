import { eq } from "drizzle-orm";
import { db } from "@/db/query";
import { notifications } from "@/db/schema";
import { deleteMessage, editMessage, sendMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import type { Result } from "@/lib/platform/result";
import { markRead } from "@/lib/unread/mark-read";
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

async function notificationOf(messageId: number): Promise<number> {
  const [row] = await db()
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.messageId, messageId));
  if (!row) throw new Error(`no notification for message ${messageId}`);
  return row.id;
}

/**
 * Two conversations: Ada <-> Bo (Ada's own) and Bo <-> Cy (foreign to Ada), with replies,
 * edits, read states and a tombstone, written through lib/ before the server starts.
 */
export async function seedScenario([ada, bo, cy]: Person[]): Promise<Scenario> {
  if (!ada || !bo || !cy) throw new Error("the scenario needs Ada, Bo and Cy");
  const send = async (from: Person, to: Person, content: string) =>
    must(await sendMessage(from.id, { receiverId: to.id, content })).id;
  const reply = async (from: Person, parentMessageId: number, content: string) =>
    must(await replyToMessage(from.id, { parentMessageId, content })).id;

  const adaToBo = await send(ada, bo, "ada to bo");
  must(await markRead(bo.id, { messageIds: [adaToBo] }));
  const adaToBoUnread = await send(ada, bo, "ada to bo, unread");
  const boToAda = await send(bo, ada, "bo to ada");
  must(await editMessage(bo.id, { messageId: boToAda, content: "bo to ada, edited" }));
  const tombstone = await send(ada, bo, "ada to bo, soon deleted");
  await reply(bo, tombstone, "bo keeps the thread alive");
  must(await deleteMessage(ada.id, { messageId: tombstone }));

  const foreignRoot = await send(bo, cy, `${FOREIGN_MARKER} root`);
  must(
    await editMessage(bo.id, { messageId: foreignRoot, content: `${FOREIGN_MARKER} root, edited` }),
  );
  must(await markRead(cy.id, { messageIds: [foreignRoot] }));
  const foreignReply = await reply(cy, foreignRoot, `${FOREIGN_MARKER} reply`);
  const foreignNestedReply = await reply(bo, foreignReply, `${FOREIGN_MARKER} nested reply`);

  return {
    adaToBo,
    adaToBoUnread,
    boToAda,
    tombstone,
    foreignRoot,
    foreignReply,
    foreignNestedReply,
    bosNotification: await notificationOf(adaToBoUnread),
    bosForeignNotification: await notificationOf(foreignReply),
    cysNotification: await notificationOf(foreignRoot),
  };
}
