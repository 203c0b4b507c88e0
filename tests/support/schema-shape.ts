import { getTableName, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";

/**
 * A table as both dialects can state it: what the schema parity test compares. Built from
 * Drizzle's table configs (`getTableConfig` of either dialect), with each dialect's way of
 * saying a thing mapped to one word by the explicit tables below.
 */
export interface TableShape {
  columns: Record<string, ColumnShape>;
  indexes: Record<string, { unique: boolean; columns: string[]; where: string | null }>;
  /** Local columns -> "table(columns) on delete ... on update ...". */
  foreignKeys: Record<string, string>;
  /** Multi-column primary keys and unique constraints, checks: by name. */
  constraints: Record<string, string>;
}

export interface ColumnShape {
  type: string;
  notNull: boolean;
  /** A literal as is; SQL as what it means (SQL_DEFAULTS). */
  default: string | number | boolean | null;
  primaryKey: boolean;
  /** The database numbers the rows: SQLite's AUTOINCREMENT, PostgreSQL's identity. */
  generated: boolean;
  unique: string | null;
  enum: string[] | null;
}

export type SchemaShape = Record<string, TableShape>;
export type Dialect = "sqlite" | "postgres";

/**
 * Drizzle's column types, by dialect, to one logical type. A column type missing here
 * fails the test until it is mapped: a new kind of column needs a decision.
 */
const TYPES: Record<string, string> = {
  SQLiteInteger: "integer",
  SQLiteText: "text",
  // integer({ mode: "boolean" }): 0 or 1 in SQLite, a boolean in PostgreSQL.
  SQLiteBoolean: "boolean",
  PgInteger: "integer",
  // Timestamps are integer milliseconds since the epoch: SQLite's integer is 64 bits,
  // PostgreSQL needs bigint (read as a number) to hold them.
  PgBigInt53: "integer",
  PgText: "text",
  PgBoolean: "boolean",
};

/** SQL defaults, as each dialect renders them, to what they mean. */
const SQL_DEFAULTS: Record<string, string> = {
  "(cast(unixepoch('subsec') * 1000 as integer))": "now, in milliseconds",
  "((extract(epoch from clock_timestamp()) * 1000)::bigint)": "now, in milliseconds",
};

const render = {
  sqlite: (sql: SQL) => new SQLiteSyncDialect().sqlToQuery(sql).sql,
  postgres: (sql: SQL) => new PgDialect().sqlToQuery(sql).sql,
};

/** What either dialect's `getTableConfig` returns, as far as the shape needs it. */
export interface AnyTableConfig {
  name: string;
  columns: readonly AnyColumn[];
  indexes: readonly {
    config: { name: string; unique: boolean; columns: unknown[]; where?: SQL };
  }[];
  foreignKeys: readonly {
    reference(): {
      columns: { name: string }[];
      foreignColumns: { name: string }[];
      foreignTable: Parameters<typeof getTableName>[0];
    };
    onDelete?: string;
    onUpdate?: string;
  }[];
  primaryKeys: readonly { getName(): string; columns: { name: string }[] }[];
  uniqueConstraints: readonly { getName(): string | undefined; columns: { name: string }[] }[];
  checks: readonly { name: string; value: SQL }[];
}

interface AnyColumn {
  name: string;
  columnType: string;
  notNull: boolean;
  hasDefault: boolean;
  default?: unknown;
  primary: boolean;
  isUnique: boolean;
  uniqueName?: string;
  enumValues?: string[];
}

export function tableShape(config: AnyTableConfig, dialect: Dialect): TableShape {
  const columns: Record<string, ColumnShape> = {};
  for (const column of config.columns) {
    const generated =
      dialect === "sqlite"
        ? (column as { autoIncrement?: boolean }).autoIncrement === true
        : (column as { generatedIdentity?: unknown }).generatedIdentity !== undefined;
    columns[column.name] = {
      type: TYPES[column.columnType] ?? `unmapped ${column.columnType}: add it to TYPES`,
      notNull: column.notNull,
      default: column.hasDefault ? defaultOf(column.default, dialect) : null,
      primaryKey: column.primary,
      generated,
      unique: column.isUnique ? (column.uniqueName ?? "unnamed") : null,
      enum: column.enumValues?.length ? [...column.enumValues] : null,
    };
  }
  const indexes: TableShape["indexes"] = {};
  for (const { config: index } of config.indexes) {
    indexes[index.name] = {
      unique: index.unique,
      columns: index.columns.map((column) => (column as { name?: string }).name ?? "expression"),
      where: index.where ? predicate(render[dialect](index.where), dialect) : null,
    };
  }
  const foreignKeys: Record<string, string> = {};
  for (const key of config.foreignKeys) {
    const { columns: local, foreignColumns, foreignTable } = key.reference();
    const target = `${getTableName(foreignTable)}(${foreignColumns.map((c) => c.name).join(", ")})`;
    foreignKeys[local.map((c) => c.name).join(", ")] =
      `${target} on delete ${key.onDelete ?? "no action"} on update ${key.onUpdate ?? "no action"}`;
  }
  const constraints: Record<string, string> = {};
  for (const key of config.primaryKeys) {
    constraints[key.getName()] = `primary key (${key.columns.map((c) => c.name).join(", ")})`;
  }
  for (const unique of config.uniqueConstraints) {
    constraints[unique.getName() ?? "unnamed unique"] =
      `unique (${unique.columns.map((c) => c.name).join(", ")})`;
  }
  for (const check of config.checks) {
    constraints[check.name] = `check ${predicate(render[dialect](check.value), dialect)}`;
  }
  return { columns, indexes, foreignKeys, constraints };
}

function defaultOf(value: unknown, dialect: Dialect): ColumnShape["default"] {
  if (value && typeof value === "object" && "queryChunks" in value) {
    const text = render[dialect](value as SQL);
    return SQL_DEFAULTS[text] ?? `unmapped SQL ${text}: add it to SQL_DEFAULTS`;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  return `unmapped default ${JSON.stringify(value)}`;
}

/** A condition without table qualifiers or quotes; SQLite's boolean literals are 0 and 1. */
function predicate(text: string, dialect: Dialect): string {
  const plain = text.replace(/"\w+"\./g, "").replace(/["`]/g, "");
  if (dialect !== "sqlite") return plain;
  return plain.replace(/= 0\b/g, "= false").replace(/= 1\b/g, "= true");
}

/**
 * Every way two shapes differ, one line each (a path, then both sides); empty when they
 * agree. Works on any nesting of plain objects: tables, their columns, a column's fields.
 */
export function schemaDifferences(
  left: object,
  right: object,
  names: [string, string] = ["sqlite", "postgres"],
  path = "",
): string[] {
  const [a, b] = names;
  const x = left as Record<string, unknown>;
  const y = right as Record<string, unknown>;
  const found: string[] = [];
  for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
    const here = path ? `${path} > ${key}` : key;
    const p = x[key];
    const q = y[key];
    if (!(key in y)) found.push(`${here}: only in ${a}`);
    else if (!(key in x)) found.push(`${here}: only in ${b}`);
    else if (isRecord(p) && isRecord(q)) found.push(...schemaDifferences(p, q, names, here));
    else if (JSON.stringify(p) !== JSON.stringify(q)) {
      found.push(`${here}: ${a} ${JSON.stringify(p)}, ${b} ${JSON.stringify(q)}`);
    }
  }
  return found;
}

function isRecord(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
