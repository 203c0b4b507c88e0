import { afterAll, afterEach, beforeAll, inject } from "vitest";
import {
  createDatabase,
  createPeople,
  dropDatabase,
  makeWorkDir,
  type Person,
  removeWorkDir,
  withAppDatabase,
} from "./database";
import { Client, signedIn } from "./http";
import { type Server, startServer } from "./server";

/** A test file's world: a temporary database seeded before a server of its own starts. */
export interface World<S> {
  dir: string;
  /** The DATABASE_URL of this file's database: a SQLite file or a PostgreSQL database. */
  databaseUrl: string;
  server: Server;
  people: Person[];
  /** Whatever the seed function returned (ids of the messages it wrote, say). */
  seeded: S;
  signIn(person: Person): Promise<Client>;
  anonymous(): Client;
  /** SIGKILLs the server and starts a new one on the same port and database. */
  restart(): Promise<void>;
}

export interface WorldOptions<S> {
  label: string;
  names: string[];
  /** Runs through lib/ on the database before the server starts. */
  seed?: (people: Person[]) => S | Promise<S>;
  /** The server's environment; a function when it is known only once the tests start. */
  env?: Record<string, string> | (() => Record<string, string>);
  /** The server's port, when it must be known before it starts (a redirect URI, say). */
  port?: () => number | undefined;
}

/**
 * Declares the world in a `describe` or at the top of a file: created in beforeAll, the
 * server killed and the files removed in afterAll (the global teardown catches the rest).
 * A failing test prints the end of the server's log.
 */
export function useWorld<S = undefined>(options: WorldOptions<S>): World<S> {
  const world = {} as World<S>;
  beforeAll(async () => {
    world.dir = makeWorkDir(options.label, inject("workRoot"));
    world.databaseUrl = await createDatabase(world.dir);
    const { people, seeded } = await withAppDatabase(world.databaseUrl, async () => {
      const people = await createPeople(options.names);
      return { people, seeded: (await options.seed?.(people)) as S };
    });
    world.people = people;
    world.seeded = seeded;
    const start = (port?: number) =>
      startServer({
        databaseUrl: world.databaseUrl,
        workDir: world.dir,
        port: port ?? options.port?.(),
        env: typeof options.env === "function" ? options.env() : options.env,
      });
    world.server = await start();
    world.signIn = (person) => signedIn(world.server.baseUrl, person.email, person.password);
    world.anonymous = () => new Client(world.server.baseUrl);
    world.restart = async () => {
      const { port } = world.server;
      await world.server.kill();
      world.server = await start(port);
    };
  });
  afterEach((context) => {
    if (context.task.result?.state === "fail" && world.server) {
      console.error(`--- end of the server log ---\n${world.server.log().slice(-6000)}`);
    }
  });
  afterAll(async () => {
    await world.server?.kill();
    if (world.databaseUrl) await dropDatabase(world.databaseUrl);
    if (world.dir) removeWorkDir(world.dir);
  });
  return world;
}
