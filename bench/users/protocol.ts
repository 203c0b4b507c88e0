/** What the orchestrator (bench/users/run.ts) and its generator processes exchange. */

/** A conversation: with a colleague (by user id) or a room (by room id). */
export interface Place {
  kind: "dm" | "room";
  id: number;
}

export interface SimulatedUser {
  id: number;
  cookie: string;
  /** The few regular colleagues this user writes to (already in the sidebar), partner first. */
  colleagues: { id: number; name: string }[];
  /**
   * The user's rooms (not the company-wide one): their active members, and whether the room
   * is small enough for typing (lib/rooms/large-room.ts; the company-wide room never is).
   */
  rooms: { id: number; members: number; typing: boolean }[];
  companyRoom: number | undefined;
  /** The conversation that writes to them most: open whenever they are not visiting another. */
  home: Place;
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
  /** Mean seconds between a user's sends, and between their visits to another conversation. */
  sendEverySeconds: number;
  openEverySeconds: number;
  /** Mean seconds a visit lasts before the user navigates back home. */
  visitSeconds: number;
  /** Mean seconds between two loads of the whole page (a tab opened or reloaded), jittered. */
  pageLoadEverySeconds: number;
  /** Shares of sends: into rooms (0: rooms off), and to the partner of the direct ones. */
  roomShare: number;
  partnerShare: number;
  /** Mean seconds between this process's sends into the company-wide room. */
  companyEverySeconds: number;
  /** The share of sends that are replies in a thread. */
  replyShare: number;
  /**
   * Typing and presence on: each top-level send is preceded by a typing signal (at most one
   * per 3 s per conversation, as TypingStatus sends them), and each tab pings its activity
   * with its colleagues in view every ACTIVITY_PING_MS (as PresenceTracker does).
   */
  signals: boolean;
}

export interface WorkerResult {
  /**
   * Sends inside the measured window: message id, when the POST started (epoch ms), and the
   * room it went to (0 for a direct message).
   */
  sends: [number, number, number][];
  /**
   * When a message reached a receiver's client state (epoch ms), by message id: one entry
   * per receiver (a room message has many).
   */
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
