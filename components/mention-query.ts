/** Where a composer writes, for its mention suggestions (GET /api/mentions). */
export type MentionPlace = { roomId: number } | { userId: number } | { messageId: number };

export interface MentionSuggestion {
  id: number;
  name: string;
  /** "room": the option that inserts `@room`. */
  kind?: "room";
}

/**
 * The `@word` the caret is in, if any: an `@` at the start or after a space or bracket,
 * then up to 40 characters with no `@`, `*` or line break (names may have spaces).
 */
export function mentionAtCaret(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s([{])@([^@*\n]{0,40})$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? "";
  // A finished mention (`@**Name** `) or a query that became a sentence is not a query.
  if (/\s{2}/.test(query) || query.split(" ").length > 3) return null;
  return { start: before.length - query.length - 1, query };
}

export async function fetchMentionSuggestions(
  place: MentionPlace,
  query: string,
  signal: AbortSignal,
): Promise<MentionSuggestion[]> {
  const params = new URLSearchParams({ q: query });
  for (const [key, value] of Object.entries(place)) params.set(key, String(value));
  const response = await fetch(`/api/mentions?${params}`, {
    headers: { Accept: "application/json" },
    signal,
  });
  if (!response.ok) return [];
  return ((await response.json()) as { suggestions: MentionSuggestion[] }).suggestions;
}
