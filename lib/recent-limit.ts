/** How many conversations the sidebar lists: the server's query and the browser's live list. */
export const RECENT_LIMIT = 30;
