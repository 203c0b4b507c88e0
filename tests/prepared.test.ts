import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { idsParameter, inIds } from "@/db/query";
import { users } from "@/db/schema";
import { countAsync } from "@/db/statement-counter";
import { makeUser } from "./helpers";

/** A fresh copy of db/prepared.ts, as each of Next's bundle layers loads its own. */
async function loadCopy() {
  vi.resetModules();
  return import("@/db/prepared");
}

/** One column of the user whose id the statement is given. */
const columnById = (column: typeof users.name | typeof users.email, as: string) => (on: Db) =>
  on
    .select({ [as]: column })
    .from(users)
    .where(eq(users.id, sql.placeholder("id")));

describe("prepared statements", () => {
  it("answer with each run's values", async () => {
    const { preparedRow } = await import("@/db/prepared");
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const byId = (id: number) =>
      preparedRow<{ name: string }>("test:user-name", columnById(users.name, "name"), { id });
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
      columnById(users.name, "name"),
      { id: ada.id },
    );
    const email = await second.preparedRow<{ email: string }>(
      "test:email",
      columnById(users.email, "email"),
      { id: ada.id },
    );
    expect(name).toEqual({ name: "Ada" });
    expect(email).toEqual({ email: ada.email });
  });

  it("run raw SQL written out once, with a list of ids as one placeholder", async () => {
    const { preparedSqlRows } = await import("@/db/prepared");
    const [ada, brian, cleo] = [
      await makeUser("Ada"),
      await makeUser("Brian"),
      await makeUser("Cleo"),
    ];
    const names = (ids: number[]) =>
      preparedSqlRows<{ name: string }>(
        "test:names",
        () =>
          sql`select name from users where ${inIds(users.id, sql.placeholder("ids"))} order by name`,
        { ids: idsParameter(ids) },
      );
    expect(await names([ada.id, cleo.id])).toEqual([{ name: "Ada" }, { name: "Cleo" }]);
    expect(await names([brian.id])).toEqual([{ name: "Brian" }]);
    const counted = await countAsync(() => names([]));
    expect(counted.result).toEqual([]);
    expect(counted.count).toBe(1);
  });
});
