import { withUser } from "@/lib/platform/http/api";
import { myRooms } from "@/lib/rooms/room-messages";

/** GET: the signed-in user's rooms with their unread counts (the sidebar). */
export const GET = withUser(async (user) => Response.json({ rooms: await myRooms(user.id) }));
