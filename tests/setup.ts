import { beforeEach } from "vitest";
import { openDatabase, useDatabase } from "@/db/client";
import { resetReceivers } from "@/db/events";

// Every test starts on a fresh, migrated in-memory database with the app's receivers.
beforeEach(() => {
  resetReceivers();
  useDatabase(openDatabase(":memory:"));
});
