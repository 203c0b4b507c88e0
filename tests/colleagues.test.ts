import { describe, expect, it } from "vitest";
import { insert } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import {
  colleagueDirectory,
  DIRECTORY_PAGE_SIZE,
  FINDER_LIMIT,
  findColleagues,
} from "@/lib/accounts/colleagues";
import { makeUser } from "./helpers";

describe("findColleagues", () => {
  it("finds by any part of the name or the email, in any case, by name", async () => {
    const ada = await makeUser("Ada Lovelace");
    const grace = await insert("users", {
      name: "Grace Hopper",
      email: "admiral@navy.test",
      passwordHash: "x",
    });
    await makeUser("Alan Turing");
    expect((await findColleagues("LOVE")).map((c) => c.id)).toEqual([ada.id]);
    expect((await findColleagues("admiral@")).map((c) => c.id)).toEqual([grace.id]);
    expect((await findColleagues("a")).map((c) => c.name)).toEqual([
      "Ada Lovelace",
      "Alan Turing",
      "Grace Hopper",
    ]);
  });

  it("answers only id, name and email: never a password hash", async () => {
    await makeUser("Ada");
    const [match] = await findColleagues("ada");
    expect(Object.keys(match ?? {}).sort()).toEqual(["email", "id", "name"]);
    expect(JSON.stringify(match)).not.toMatch(/scrypt|hash|\$/);
  });

  it("tells two colleagues with the same name apart by email", async () => {
    const first = await makeUser("Sam Smith");
    const second = await makeUser("Sam Smith");
    const found = await findColleagues("sam smith");
    expect(found.map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
    expect(new Set(found.map((c) => c.email)).size).toBe(2);
  });

  it("returns at most a page, in one statement, out of a thousand colleagues", async () => {
    for (let n = 1; n <= 1000; n++) {
      await insert("users", { name: `Bulk ${n}`, email: `bulk${n}@cairo.test`, passwordHash: "x" });
    }
    const { result, count } = await countAsync(() => findColleagues("bulk"));
    expect(count).toBe(1);
    expect(result).toHaveLength(FINDER_LIMIT);
    expect((await findColleagues("bulk999@")).map((c) => c.name)).toEqual(["Bulk 999"]);
  });

  it("matches % and _ literally", async () => {
    await makeUser("Percent % Person");
    await makeUser("Plain Person");
    expect((await findColleagues("%")).map((c) => c.name)).toEqual(["Percent % Person"]);
    expect(await findColleagues("_")).toEqual([]);
  });
});

describe("colleagueDirectory", () => {
  it("lists a page at a time, by name, in one statement, leaving out the excluded", async () => {
    const people = [];
    for (let n = 1; n <= DIRECTORY_PAGE_SIZE + 5; n++) {
      people.push(
        await insert("users", { name: `Dir ${n}`, email: `dir${n}@cairo.test`, passwordHash: "x" }),
      );
    }
    const newest = people.at(-1)?.id ?? 0;
    const { result: first, count } = await countAsync(() => colleagueDirectory(1, [newest]));
    expect(count).toBe(1);
    expect(first.colleagues).toHaveLength(DIRECTORY_PAGE_SIZE);
    expect(first.hasNext).toBe(true);
    // By name as text: "Dir 1", "Dir 10"…"Dir 19", "Dir 2"…
    expect(first.colleagues.slice(0, 3).map((c) => c.name)).toEqual(["Dir 1", "Dir 10", "Dir 11"]);
    expect(first.colleagues.map((c) => c.id)).not.toContain(newest);
    expect(Object.keys(first.colleagues[0] ?? {}).sort()).toEqual([
      "deactivated",
      "email",
      "id",
      "name",
    ]);
    const second = await colleagueDirectory(2, [newest]);
    expect(second.colleagues.map((c) => c.name)).toEqual(["Dir 6", "Dir 7", "Dir 8", "Dir 9"]);
    expect(second.hasNext).toBe(false);
  });
});
