export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

const MAX_CELLS = 4_000_000;

/**
 * The words that changed between two versions, by longest common subsequence over words
 * and the whitespace between them. Very long texts fall back to "all replaced".
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) {
    return merge([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  }
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      parts.push({ kind: "same", text: a[i++] as string });
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      parts.push({ kind: "removed", text: a[i++] as string });
    } else {
      parts.push({ kind: "added", text: b[j++] as string });
    }
  }
  while (i < a.length) parts.push({ kind: "removed", text: a[i++] as string });
  while (j < b.length) parts.push({ kind: "added", text: b[j++] as string });
  return merge(parts);
}

function tokens(text: string): string[] {
  return text.match(/\S+|\s+/g) ?? [];
}

function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    if (part.text === "") continue;
    const last = merged.at(-1);
    if (last && last.kind === part.kind) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
