import type { ColleagueMatch } from "@/lib/accounts/colleagues";
import type { RecentConversation } from "@/lib/messaging/recent-conversations";
import type { SidebarRoom } from "@/lib/rooms/room-messages";

// The browser's side of the sidebar's JSON routes, for react-query (keys: lib/live/query-keys.ts).
async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

export async function fetchRecentConversations(): Promise<RecentConversation[]> {
  return (await getJson<{ conversations: RecentConversation[] }>("/api/recent-conversations"))
    .conversations;
}

export async function fetchColleagues(q: string): Promise<ColleagueMatch[]> {
  return (
    await getJson<{ colleagues: ColleagueMatch[] }>(`/api/colleagues?q=${encodeURIComponent(q)}`)
  ).colleagues;
}

export async function fetchMyRooms(): Promise<SidebarRoom[]> {
  return (await getJson<{ rooms: SidebarRoom[] }>("/api/rooms")).rooms;
}
