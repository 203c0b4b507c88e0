/**
 * A room of more than this many members is large: `@room` there is for its admins only, and
 * nobody's typing is shown (Zulip's rule too; in a company-wide room a typing notice would
 * reach thousands for nothing anyone reads). Shared by the server and the browser.
 */
export const LARGE_ROOM_MEMBERS = 100;
