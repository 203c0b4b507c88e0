import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "@/db/sqlite-statements";

/** A connection of its own (not the app's): the cache is the same in either test project. */
function connection() {
  const sqlite = new Database(":memory:");
  cacheStatements(sqlite);
  sqlite.exec("create table t (id integer primary key, name text)");
  sqlite.prepare("insert into t (name) values (?)").run("Ada");
  return sqlite;
}

describe("the SQLite statement cache", () => {
  it("compiles each SQL text once per connection", () => {
    const sqlite = connection();
    const first = sqlite.prepare("select id, name from t where id = ?");
    expect(sqlite.prepare("select id, name from t where id = ?")).toBe(first);
    expect(sqlite.prepare("select name from t")).not.toBe(first);
    expect(connection().prepare("select id, name from t where id = ?")).not.toBe(first);
  });

  it("hands a statement left in raw mode back in object mode", () => {
    const sqlite = connection();
    expect(sqlite.prepare("select id, name from t").raw().all()).toEqual([[1, "Ada"]]);
    expect(sqlite.prepare("select id, name from t").all()).toEqual([{ id: 1, name: "Ada" }]);
  });

  it("reuses writes, whose statements have no raw mode", () => {
    const sqlite = connection();
    const insert = sqlite.prepare("insert into t (name) values (?)");
    expect(sqlite.prepare("insert into t (name) values (?)")).toBe(insert);
    sqlite.prepare("insert into t (name) values (?)").run("Brian");
    expect(sqlite.prepare("select count(*) as n from t").get()).toEqual({ n: 2 });
  });
});
