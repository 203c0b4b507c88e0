export const ENTRY_TTL_MS: number;
export const MAX_ENTRY_BYTES: number;
export const FILL_MARGIN_MS: number;
export function expireTags(tags: string[]): Promise<boolean>;
export function readEntry(key: string): Promise<{ value: unknown; lastModified: number } | null>;
export function writeEntry(key: string, value: unknown, tags: string[]): Promise<void>;
export function dropAllEntries(): Promise<void>;
