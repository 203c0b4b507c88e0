/**
 * The event ids a stream must not send twice. Only a resuming stream can meet an event twice:
 * once in its replay and once from its subscription (an event published while the replay was
 * read, whose delivery may come before or after the replay). So ids are remembered until the
 * replay and what arrived during it have been sent (`settle`), and checked, not remembered,
 * after that: a stream that stays open all day holds no growing set.
 */
export function replayDedupe(resuming: boolean) {
  const seen = new Set<string>();
  let recording = resuming;
  return {
    /** Whether the event with this id should be sent: false for an id already sent. */
    first(id: string | undefined): boolean {
      if (!id) return true;
      if (seen.has(id)) return false;
      if (recording) seen.add(id);
      return true;
    },
    settle() {
      recording = false;
    },
    get remembered() {
      return seen.size;
    },
  };
}
