import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { makeUser } from "./helpers";

/** A fresh copy of db/prepared.ts, as each of Next's bundle layers loads its own. */
async function loadCopy() {
  vi.resetModules();
  return import("@/db/prepared");
}

describe("prepared statements", () => {
  it("answer with each run's values", async () => {
    const { preparedRow } = await import("@/db/prepared");
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const byId = (id: number) =>
      preparedRow<{ name: string }>(
        "test:user-name",
        (on) =>
          on
            .select({ name: users.name })
            .from(users)
            .where(eq(users.id, sql.placeholder("id"))),
        { id },
      );
    expect(await byId(ada.id)).toEqual({ name: "Ada" });
    expect(await byId(brian.id)).toEqual({ name: "Brian" });
    expect(await byId(-1)).toBeUndefined();
  });

  it("keep two statements apart when two copies of the module share a connection", async () => {
    const ada = await makeUser("Ada");
    const first = await loadCopy();
    const second = await loadCopy();
    const name = await first.preparedRow<{ name: string }>(
      "test:name",
      (on) =>
        on
          .select({ name: users.name })
          .from(users)
          .where(eq(users.id, sql.placeholder("id"))),
      { id: ada.id },
    );
    const email = await second.preparedRow<{ email: string }>(
      "test:email",
      (on) =>
        on
          .select({ email: users.email })
          .from(users)
          .where(eq(users.id, sql.placeholder("id"))),
      { id: ada.id },
    );
    expect(name).toEqual({ name: "Ada" });
    expect(email).toEqual({ email: ada.email });
  });
});
