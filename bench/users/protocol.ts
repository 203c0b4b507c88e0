/** What the orchestrator (bench/users/step.ts) and its generator processes exchange. */

export interface SimulatedUser {
  id: number;
  cookie: string;
  /** The few regular colleagues this user writes to (already in the sidebar). */
  colleagues: { id: number; name: string }[];
}

/**
 * How the simulated browser treats an event: `apply` as components/LiveUpdates.tsx does now
 * (payloads set in place, refetching only what they cannot update), `refetch` as it did
 * before events carried payloads (every event refetches the counts and the open views).
 */
export type ClientMode = "apply" | "refetch";

export interface WorkerConfig {
  baseUrl: string;
  users: SimulatedUser[];
  /** Streams this worker opens per second at the start. */
  connectPerSecond: number;
  warmSeconds: number;
  measureSeconds: number;
  graceSeconds: number;
  mode: ClientMode;
  seed: number;
  /** Mean seconds between a user's sends, and between their opening a conversation. */
  sendEverySeconds: number;
  openEverySeconds: number;
  /** The share of sends that are replies in a thread. */
  replyShare: number;
  /**
   * Typing and presence on: each top-level send is preceded by a typing signal (at most one
   * per 3 s per conversation, as TypingStatus sends them), and each tab pings its activity
   * with its colleagues in view once a minute (as PresenceTracker does).
   */
  signals: boolean;
}

export interface WorkerResult {
  /** Sends inside the measured window: message id and when the POST started (epoch ms). */
  sends: [number, number][];
  /** When each message reached its receiver's client state (epoch ms), by message id. */
  deliveries: [number, number][];
  requests: Record<string, number>;
  errors: Record<string, number>;
  /** The generator's CPU seconds during the measured window. */
  cpuSeconds: number;
  streamsOpen: number;
  /** Stream connections refused at the socket and tried again (as EventSource does). */
  streamRetries: number;
  events: number;
}
