import { describe, expect, it } from "vitest";
import { inspect, integrityReport } from "../test-kit/database";
import { type Attempt, runLoad, statusCounts } from "../test-kit/load";
import { useWorld } from "../test-kit/world";

const CLIENTS = 20;
const TOTAL = 5_000;
/** The server is killed once this many sends have been acknowledged. */
const KILL_AFTER = 1_200;
const names = Array.from({ length: CLIENTS }, (_, i) => `Crasher ${i + 1}`);

interface StoredMessage {
  id: number;
  content: string;
  notifications: number;
}

function storedMessages(url: string): Promise<StoredMessage[]> {
  return inspect(url, (db) =>
    db.all<StoredMessage>(
      `select m.id, m.content,
         (select count(*) from notifications n where n.message_id = m.id) as notifications
       from messages m where m.content like 'crash %'`,
    ),
  );
}

describe("crash: the server is SIGKILLed in the middle of the load, then restarted", () => {
  const world = useWorld({ label: "crash", names });

  it("keeps the database intact and every acknowledged send, each with its notification", async () => {
    const clients = await Promise.all(world.people.map((person) => world.signIn(person)));
    const server = world.server;
    let killed: Promise<void> | undefined;
    let acknowledged = 0;
    const watcher = setInterval(() => {
      if (!killed && acknowledged >= KILL_AFTER) killed = server.kill();
    }, 5);
    const load = runLoad({
      clients,
      people: world.people,
      total: TOTAL,
      label: "crash",
      onAttempt: (attempt: Attempt) => {
        if (attempt.status === 201) acknowledged++;
      },
    });
    const { attempts } = await load.finally(() => clearInterval(watcher));
    await killed;
    const acked = attempts.filter((attempt) => attempt.status === 201);
    const unanswered = attempts.filter((attempt) => attempt.status === "network");
    console.log(
      `crash: killed after ${acked.length} acknowledged sends; ${unanswered.length} were in flight; statuses`,
      statusCounts(attempts),
    );
    expect(killed).toBeDefined();
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acked.length).toBeLessThan(TOTAL);
    expect(unanswered.length).toBeGreaterThan(0);
    // Before the crash, every answer was a success.
    expect(attempts.filter((a) => a.status !== 201 && a.status !== "network")).toEqual([]);

    // The file as the killed server left it (opening it replays the WAL).
    const cleanReport = {
      integrity: ["ok"],
      foreignKeyViolations: [],
      messagesWithoutNotification: 0,
      messagesWithSeveralNotifications: 0,
    };
    expect(await integrityReport(world.databaseUrl)).toEqual(cleanReport);
    const stored = await storedMessages(world.databaseUrl);
    const byContent = new Map(stored.map((message) => [message.content, message]));
    expect(byContent.size).toBe(stored.length);
    for (const attempt of acked) {
      expect(byContent.get(attempt.content)).toEqual({
        id: attempt.id,
        content: attempt.content,
        notifications: 1,
      });
    }
    // A send in flight at the kill is either fully there (with its notification) or absent.
    const maybe = unanswered.filter((attempt) => byContent.has(attempt.content));
    console.log(
      `crash: ${maybe.length} of the ${unanswered.length} sends in flight were committed`,
    );
    for (const attempt of maybe) expect(byContent.get(attempt.content)?.notifications).toBe(1);
    expect(stored.length).toBe(acked.length + maybe.length);

    // Restarted on the same file, the server takes sends again.
    await world.restart();
    const [first] = clients;
    const after = await first?.json("POST", "/api/messages", {
      receiverId: world.people[1]?.id,
      content: "crash after the restart",
    });
    expect(after?.status).toBe(201);
    expect(await integrityReport(world.databaseUrl)).toEqual(cleanReport);
    expect(await storedMessages(world.databaseUrl)).toHaveLength(stored.length + 1);
  });
});
