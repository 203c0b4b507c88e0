import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param";
import type { Place } from "./protocol";

/**
 * What a browser asks of the server to show a conversation: the URL, the RSC payload of a
 * client-side navigation or refresh, the HTML document of a page load, and the server
 * action an open room calls to mark itself read (components/useLiveRoom.ts).
 */
export const pathOf = (place: Place) =>
  place.kind === "dm" ? `/messages/${place.id}` : `/rooms/${place.id}`;

/**
 * Next's FlightRouterState of a conversation page (app/(chat)/messages/[userId] or
 * app/(chat)/rooms/[roomId]): what the router sends with an RSC request. On a navigation it
 * is the tree shown, so the server renders only what differs (the page, not the layout); a
 * refresh (router.refresh(), as useLiveRoom does on a room event it cannot apply) marks the root for refetch,
 * so the whole tree, layout included, is rendered again.
 */
function routerState(place: Place, refresh: boolean): string {
  const [section, param] = place.kind === "dm" ? ["messages", "userId"] : ["rooms", "roomId"];
  const page = ["__PAGE__", {}];
  const conversation = [[param, String(place.id), "d", null], { children: page }];
  const children = { children: ["(chat)", { children: [section, { children: conversation }] }] };
  const tree = refresh ? ["", children, null, "refetch"] : ["", children];
  return encodeURIComponent(JSON.stringify(tree));
}

/** The path and headers of the RSC request for `to`, from the page showing `from`. */
export async function rscRequest(to: Place, from: Place, refresh = false) {
  const tree = routerState(from, refresh);
  // The router's cache-busting parameter: without it Next answers with a redirect to it.
  const rsc = await computeCacheBustingSearchParam(undefined, undefined, tree, undefined);
  return {
    path: `${pathOf(to)}?_rsc=${rsc}`,
    headers: { rsc: "1", accept: "text/x-component", "next-router-state-tree": tree },
  };
}
