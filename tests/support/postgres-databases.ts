import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Throwaway databases on a PostgreSQL server, for test files and reliability worlds: each
 * gets a database of its own, dropped when it is done.
 */
export async function createPostgresDatabase(serverUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(serverUrl: string, databaseUrl: string) {
  const name = new URL(databaseUrl).pathname.slice(1);
  await onServer(serverUrl, `drop database if exists ${name} with (force)`);
}

async function onServer(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
