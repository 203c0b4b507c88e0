import { connectAccountCleanupReceivers } from "./accounts/receivers";
import { connectFileReceivers } from "./files/receivers";
import { connectLiveReceivers } from "./live/receivers";
import { connectMentionReceivers } from "./mentions/receivers";
import { connectMessageFanOut } from "./messaging/after-commit";
import { connectHistoryReceivers } from "./messaging/receivers";
import { connectReactionReceivers } from "./reactions/receivers";
import { connectRoomReceivers, connectRoomWatching } from "./rooms/receivers";
import { connectNotificationReceivers } from "./unread/receivers";

/** Connects every receiver of the app. Idempotent: each receiver has a dispatch id. */
export function registerReceivers() {
  connectNotificationReceivers();
  connectMentionReceivers();
  connectHistoryReceivers();
  connectAccountCleanupReceivers();
  connectMessageFanOut();
  connectLiveReceivers();
  connectRoomReceivers();
  connectRoomWatching();
  connectFileReceivers();
  connectReactionReceivers();
}
