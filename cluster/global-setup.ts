import http from "node:http";
import type { TestProject } from "vitest/node";
import { type Cluster, startCluster } from "../scripts/cluster/cluster";

declare module "vitest" {
  export interface ProvidedContext {
    cluster: {
      url: string;
      serverUrls: string[];
      databaseUrl: string;
      redisUrl: string;
      /** A loopback HTTP endpoint of this setup: the tests kill and restart through it. */
      controlUrl: string;
    };
  }
}

/** The limits every server runs with (the sign-in tests count against them). */
export const LIMITS = { perEmail: 5, perAddress: 10 };

/**
 * Starts the deployment once for the whole run, and a small control endpoint beside it
 * (test files run in workers; the processes belong to this one): POST /kill/<i>,
 * /restart/<i>, /redis/stop, /redis/start, /postgres/stop, /postgres/start; GET /log/<i>. The teardown stops everything.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const cluster: Cluster = await startCluster({
    servers: 2,
    // CLUSTER_NO_REDIS=1: the same deployment without REDIS_URL, to see what the shared
    // state fixes (the freshness, live and limit tests fail then).
    redis: process.env.CLUSTER_NO_REDIS !== "1",
    env: {
      SIGNIN_LIMIT_PER_EMAIL: String(LIMITS.perEmail),
      SIGNIN_LIMIT_PER_ADDRESS: String(LIMITS.perAddress),
    },
    log: (line) => console.log(`[cluster] ${line}`),
  });
  console.log(`[cluster] ready in ${Date.now() - started} ms: ${cluster.url}`);
  // The test workers seed through lib/, whose tables follow DATABASE_URL's dialect: they
  // start after this setup and inherit it.
  process.env.DATABASE_URL = cluster.databaseUrl;
  const control = http.createServer((request, response) => {
    const [, verb = "", arg = ""] = (request.url ?? "").split("/");
    const index = Number(arg);
    const actions: Record<string, () => Promise<unknown>> = {
      kill: () => cluster.killServer(index),
      restart: () => cluster.restartServer(index),
      redis: () => (arg === "stop" ? cluster.stopRedis() : cluster.startRedis()),
      postgres: () => (arg === "stop" ? cluster.stopPostgres() : cluster.startPostgres()),
      log: async () => cluster.serverLog(index),
    };
    const action = actions[verb];
    if (!action) {
      response.writeHead(404).end();
      return;
    }
    action().then(
      (value) => response.writeHead(200).end(typeof value === "string" ? value : "ok"),
      (error) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  const address = control.address();
  const port = typeof address === "object" && address ? address.port : 0;
  project.provide("cluster", {
    url: cluster.url,
    serverUrls: cluster.serverUrls,
    databaseUrl: cluster.databaseUrl,
    redisUrl: cluster.redisUrl ?? "",
    controlUrl: `http://127.0.0.1:${port}`,
  });
  return async () => {
    control.close();
    const errors = cluster.nginxErrors().trim();
    if (errors) console.log(`[cluster] nginx's error log:\n${errors.slice(-6_000)}`);
    await cluster.stop();
  };
}
