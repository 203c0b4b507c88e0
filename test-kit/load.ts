import type { Person } from "./database";
import type { Client } from "./http";
import { pick, seededRandom } from "./random";

/** One send attempt as the client saw it. */
export interface Attempt {
  client: number;
  content: string;
  parentMessageId?: number;
  /** The HTTP status, or "network" when the request got no answer (a killed server). */
  status: number | "network";
  /** The stored message's id, from a 201. */
  id?: number;
  body: string;
}

export interface LoadOptions {
  /** One signed-in client per person, in the same order. */
  clients: Client[];
  people: Person[];
  total: number;
  /** Tells this run's messages apart from any other's. */
  label: string;
  seed?: number;
  /** Share of sends that reply to an earlier message of the same client. */
  replyShare?: number;
  /** A hard stop, whatever the count: load loops end by themselves. */
  timeLimitMs?: number;
  /** Called as each attempt gets its answer (or its network error). */
  onAttempt?: (attempt: Attempt) => void;
}

export interface LoadReport {
  attempts: Attempt[];
  elapsedMs: number;
}

/**
 * `clients.length` concurrent clients, each sending its share of `total` messages one after
 * another through POST /api/messages: new messages to a random colleague, and some replies.
 * A client stops at its share, at the time limit, or at its first request without an
 * answer (the server was killed).
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const { clients, people, total, label, replyShare = 0.2, timeLimitMs = 480_000 } = options;
  const started = Date.now();
  const deadline = started + timeLimitMs;
  const attempts: Attempt[] = [];
  const shares = clients.map(
    (_, i) => Math.floor(total / clients.length) + (i < total % clients.length ? 1 : 0),
  );

  await Promise.all(
    clients.map(async (client, index) => {
      const random = seededRandom((options.seed ?? 1) * 1000 + index);
      const me = people[index];
      if (!me) throw new Error("one person per client");
      const others = people.filter((person) => person.id !== me.id);
      const mine: number[] = [];
      for (let n = 0; n < (shares[index] ?? 0) && Date.now() < deadline; n++) {
        const content = `${label} c${index} #${n}`;
        const parent = mine.length > 0 && random() < replyShare ? pick(random, mine) : undefined;
        const body = parent
          ? { parentMessageId: parent, content }
          : { receiverId: pick(random, others).id, content };
        const attempt: Attempt = {
          client: index,
          content,
          parentMessageId: parent,
          status: "network",
          body: "",
        };
        attempts.push(attempt);
        try {
          const response = await client.json("POST", "/api/messages", body);
          attempt.status = response.status;
          attempt.body = response.text;
          if (response.status === 201) {
            attempt.id = (response.body as { id: number }).id;
            mine.push(attempt.id);
          }
        } catch (error) {
          attempt.body = String(error);
          options.onAttempt?.(attempt);
          return;
        }
        options.onAttempt?.(attempt);
      }
    }),
  );
  return { attempts, elapsedMs: Date.now() - started };
}

export function statusCounts(attempts: Attempt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const attempt of attempts) counts[attempt.status] = (counts[attempt.status] ?? 0) + 1;
  return counts;
}
