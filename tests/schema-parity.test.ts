import { is } from "drizzle-orm";
import { PgTable, getTableConfig as postgresConfig } from "drizzle-orm/pg-core";
import { SQLiteTable, getTableConfig as sqliteConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { getConnection } from "@/db/client";
import * as postgres from "@/db/schema/postgres";
import * as sqlite from "@/db/schema/sqlite";
import {
  type AnyTableConfig,
  type SchemaShape,
  schemaDifferences,
  type TableShape,
  tableShape,
} from "./support/schema-shape";

/**
 * The two schema files declare one data model (docs/architecture.md). A column, a default, a
 * NOT NULL or an index added to one dialect and not the other fails here, and so does a
 * migrated database that no longer matches its dialect's declarations.
 */

const sqliteTables = Object.values(sqlite).filter((value) => is(value, SQLiteTable));
const postgresTables = Object.values(postgres).filter((value) => is(value, PgTable));

const sqliteConfigs = () => sqliteTables.map((table) => sqliteConfig(table) as AnyTableConfig);
const postgresConfigs = () =>
  postgresTables.map((table) => postgresConfig(table) as unknown as AnyTableConfig);

function shapes(configs: AnyTableConfig[], dialect: "sqlite" | "postgres"): SchemaShape {
  return Object.fromEntries(configs.map((config) => [config.name, tableShape(config, dialect)]));
}

/**
 * Differences made on purpose, each with its reason. Anything else is a mistake.
 * - messages_parent_idx: SQLite's holds replies only; with every top-level message's NULL
 *   in it, SQLite's statistics made its planner scan the table instead (migration 0005).
 *   PostgreSQL's planner reads the NULLs right; its index stays whole.
 */
const DELIBERATE = [
  'messages > indexes > messages_parent_idx > where: sqlite "parent_message_id is not null", postgres null',
];

describe("schema parity between SQLite and PostgreSQL", () => {
  it("declares the same tables under the same export names", () => {
    const names = (module: object, tables: unknown[]) =>
      Object.entries(module)
        .filter(([, value]) => tables.includes(value))
        .map(([name]) => name)
        .sort();
    expect(names(sqlite, sqliteTables)).toEqual(names(postgres, postgresTables));
    expect(sqliteTables.length).toBeGreaterThan(0);
  });

  it("declares the same columns, types, nullability, defaults, keys and indexes", () => {
    const found = schemaDifferences(
      shapes(sqliteConfigs(), "sqlite"),
      shapes(postgresConfigs(), "postgres"),
    );
    expect(found).toEqual(DELIBERATE);
  });

  it("stores PostgreSQL timestamps as bigint: milliseconds since 1970 overflow an integer", () => {
    const timestamps = postgresConfigs().flatMap((config) =>
      config.columns
        .filter((column) => column.name.endsWith("_at"))
        .map((column) => `${config.name}.${column.name} ${column.columnType}`),
    );
    expect(timestamps.length).toBeGreaterThan(0);
    for (const column of timestamps) expect(column).toMatch(/ PgBigInt53$/);
  });

  describe("reports a difference made to a copy of one table", () => {
    const sqliteShapes = () => shapes(sqliteConfigs(), "sqlite");
    // Only what the change adds: the schemas' own differences are the test above's business.
    const compareWith = (table: string, change: (config: AnyTableConfig) => AnyTableConfig) => {
      const before = schemaDifferences(sqliteShapes(), shapes(postgresConfigs(), "postgres"));
      const changed = postgresConfigs().map((config) =>
        config.name === table ? change(config) : config,
      );
      return schemaDifferences(sqliteShapes(), shapes(changed, "postgres")).filter(
        (line) => !before.includes(line),
      );
    };
    const withColumn = <K extends string>(
      column: AnyTableConfig["columns"][number],
      changes: Record<K, unknown>,
    ) => Object.assign(Object.create(Object.getPrototypeOf(column)), column, changes);

    it("a column added to one dialect only", () => {
      const extra = postgresConfigs()
        .find((config) => config.name === "users")
        ?.columns.find((column) => column.name === "deactivated_at");
      if (!extra) throw new Error("users.deactivated_at");
      const found = compareWith("sessions", (config) => ({
        ...config,
        columns: [...config.columns, extra],
      }));
      expect(found).toEqual(["sessions > columns > deactivated_at: only in postgres"]);
    });

    it("a column dropped, NOT NULL lost, a default changed, a type changed", () => {
      const found = compareWith("messages", (config) => ({
        ...config,
        columns: config.columns
          .filter((column) => column.name !== "read_at")
          .map((column) => {
            if (column.name === "content") return withColumn(column, { notNull: false });
            if (column.name === "edited") return withColumn(column, { default: true });
            if (column.name === "idempotency_key") {
              return withColumn(column, { columnType: "PgBoolean" });
            }
            return column;
          }),
      }));
      expect(found).toEqual([
        "messages > columns > content > notNull: sqlite true, postgres false",
        "messages > columns > edited > default: sqlite false, postgres true",
        'messages > columns > idempotency_key > type: sqlite "text", postgres "boolean"',
        "messages > columns > read_at: only in sqlite",
      ]);
    });

    it("an index dropped, and one over other columns", () => {
      const found = compareWith("notifications", (config) => ({
        ...config,
        indexes: config.indexes
          .filter((index) => index.config.name !== "notifications_message_idx")
          .map((index) =>
            index.config.name === "notifications_list_idx"
              ? { config: { ...index.config, columns: index.config.columns.slice(0, 2) } }
              : index,
          ),
      }));
      expect(found).toEqual([
        'notifications > indexes > notifications_list_idx > columns: sqlite ["user_id","read","created_at"], postgres ["user_id","read"]',
        "notifications > indexes > notifications_message_idx: only in sqlite",
      ]);
    });

    it("a column type nobody mapped yet", () => {
      const found = compareWith("sessions", (config) => ({
        ...config,
        columns: config.columns.map((column) =>
          column.name === "user_agent" ? withColumn(column, { columnType: "PgJsonb" }) : column,
        ),
      }));
      expect(found).toEqual([
        'sessions > columns > user_agent > type: sqlite "text", postgres "unmapped PgJsonb: add it to TYPES"',
      ]);
    });
  });
});

/** What a migrated database says about itself, in the terms the declarations can match. */
interface LiveTable {
  columns: Record<string, { notNull: boolean; hasDefault: boolean }>;
  indexes: Record<string, { unique: boolean; columns: string[]; partial: boolean }>;
}

/**
 * Objects the migrations add beside the declared tables: each dialect's full-text search
 * index (migration 0004), which Drizzle does not declare.
 */
const SEARCH_OBJECTS = {
  sqlite: { tables: /^messages_fts(_\w+)?$/, indexes: /^$/ },
  postgres: { tables: /^$/, indexes: /^messages_search_idx$/ },
};

/** The declarations reduced to what a live database can show. */
function declared(shape: TableShape): LiveTable {
  const columns: LiveTable["columns"] = {};
  const indexes: LiveTable["indexes"] = {};
  for (const [name, column] of Object.entries(shape.columns)) {
    columns[name] = {
      notNull: column.notNull || column.primaryKey,
      hasDefault: column.default !== null || column.generated,
    };
    // A column's UNIQUE is an index of its own, under the constraint's name.
    if (column.unique) indexes[column.unique] = { unique: true, columns: [name], partial: false };
  }
  for (const [name, index] of Object.entries(shape.indexes)) {
    indexes[name] = { unique: index.unique, columns: index.columns, partial: index.where !== null };
  }
  return { columns, indexes };
}

async function liveSchema(): Promise<Record<string, LiveTable>> {
  const connection = getConnection();
  const tables: Record<string, LiveTable> = {};
  if (connection.dialect === "sqlite") {
    const db = connection.sqlite;
    const names = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
      )
      .pluck()
      .all() as string[];
    for (const table of names.filter((name) => !SEARCH_OBJECTS.sqlite.tables.test(name))) {
      const columns = db.prepare(`pragma table_info(${table})`).all() as {
        name: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
        type: string;
      }[];
      const live: LiveTable = { columns: {}, indexes: {} };
      // An INTEGER PRIMARY KEY numbers the rows by itself; a composite key does not.
      const keyColumns = columns.filter((column) => column.pk > 0).length;
      for (const column of columns) {
        live.columns[column.name] = {
          notNull: column.notnull === 1 || column.pk > 0,
          hasDefault:
            column.dflt_value !== null ||
            (keyColumns === 1 && column.pk > 0 && column.type.toLowerCase() === "integer"),
        };
      }
      const indexes = db.prepare(`pragma index_list(${table})`).all() as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[];
      for (const index of indexes.filter((index) => index.origin !== "pk")) {
        const indexColumns = db.prepare(`pragma index_info(${index.name})`).all() as {
          name: string | null;
        }[];
        live.indexes[index.name] = {
          unique: index.unique === 1,
          columns: indexColumns.map((column) => column.name ?? "expression"),
          partial: index.partial === 1,
        };
      }
      tables[table] = live;
    }
    return tables;
  }
  const { rows: columns } = await connection.pool.query<{
    table_name: string;
    column_name: string;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
  }>(
    `select table_name, column_name, is_nullable, column_default, is_identity
       from information_schema.columns where table_schema = 'public'`,
  );
  for (const column of columns) {
    if (SEARCH_OBJECTS.postgres.tables.test(column.table_name)) continue;
    tables[column.table_name] ??= { columns: {}, indexes: {} };
    (tables[column.table_name] as LiveTable).columns[column.column_name] = {
      notNull: column.is_nullable === "NO",
      hasDefault: column.column_default !== null || column.is_identity === "YES",
    };
  }
  const { rows: indexes } = await connection.pool.query<{
    table_name: string;
    index_name: string;
    unique: boolean;
    partial: boolean;
    columns: (string | null)[];
  }>(
    `select t.relname as table_name, i.relname as index_name, x.indisunique as unique,
            x.indpred is not null as partial,
            array(select a.attname::text from unnest(x.indkey) with ordinality as k(attnum, n)
                    left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                   order by k.n) as columns
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       join pg_namespace s on s.oid = t.relnamespace
      where s.nspname = 'public' and not x.indisprimary`,
  );
  for (const index of indexes) {
    if (SEARCH_OBJECTS.postgres.indexes.test(index.index_name)) continue;
    const table = tables[index.table_name];
    if (!table) continue;
    table.indexes[index.index_name] = {
      unique: index.unique,
      columns: index.columns.map((column) => column ?? "expression"),
      partial: index.partial,
    };
  }
  return tables;
}

describe("the migrated database matches its dialect's declarations", () => {
  it("has the declared tables, columns, NOT NULLs, defaults and indexes, and no others", async () => {
    const dialect = getConnection().dialect;
    const configs = dialect === "sqlite" ? sqliteConfigs() : postgresConfigs();
    const expected = Object.fromEntries(
      Object.entries(shapes(configs, dialect)).map(([name, shape]) => [name, declared(shape)]),
    );
    expect(schemaDifferences(expected, await liveSchema(), ["declared", "migrated"])).toEqual([]);
  });

  it("reports an index the database lacks", async () => {
    const connection = getConnection();
    const run = (statement: string) =>
      connection.dialect === "sqlite"
        ? connection.sqlite.exec(statement)
        : connection.pool.query(statement);
    await run("drop index messages_created_idx");
    try {
      const configs = connection.dialect === "sqlite" ? sqliteConfigs() : postgresConfigs();
      const messages = tableShape(
        configs.find((config) => config.name === "messages") as AnyTableConfig,
        connection.dialect,
      );
      const live = (await liveSchema()).messages;
      expect(
        schemaDifferences({ messages: declared(messages) }, { messages: live }, [
          "declared",
          "migrated",
        ]),
      ).toEqual(["messages > indexes > messages_created_idx: only in declared"]);
    } finally {
      await run("create index messages_created_idx on messages (created_at, sender_id)");
    }
  });
});
