import { connectAccountCleanupReceivers } from "./accounts";
import { connectCacheReceivers } from "./cache";
import { connectHistoryReceivers } from "./history";
import { connectLiveReceivers } from "./live";
import { connectNotificationReceivers } from "./notifications";

/** Connects every receiver of the app. Idempotent: each receiver has a dispatch id. */
export function registerReceivers() {
  connectNotificationReceivers();
  connectHistoryReceivers();
  connectAccountCleanupReceivers();
  connectCacheReceivers();
  connectLiveReceivers();
}
