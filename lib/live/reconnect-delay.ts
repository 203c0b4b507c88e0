const FIRST_MS = 1_000;
const MOST_MS = 20_000;

/**
 * How long to wait before the `attempt`th try (from 0) to reopen a refused live stream:
 * doubling from 1 s up to 20 s, each wait a random point of its upper half, so that the
 * thousands of tabs a restarted server refused do not all come back in the same second.
 */
export function reconnectDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(MOST_MS, FIRST_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
