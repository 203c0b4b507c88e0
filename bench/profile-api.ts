/**
 * Where a signed-in `GET /api/conversations/[id]` (or, with `--page`, the conversation
 * page) spends its CPU: `next start` under `--cpu-prof`, 10 s of autocannon, then the
 * functions with the most self time (by file).
 *   npx tsx --conditions=react-server bench/profile-api.ts [--page]   (after `npm run build`)
 */

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { closeDatabase } from "@/db/client";
import { signedIn } from "../test-kit/http";
import { AUTH_SECRET } from "../test-kit/server";
import { seed } from "./figures/http";
import { summarizeProfile } from "./support/profile";
import { openTempDatabase } from "./support/temp-database";

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-profile-"));
  const temp = await openTempDatabase("sqlite", "profile");
  const [ada, bo] = await seed();
  await closeDatabase();
  // --cpu-prof is refused in NODE_OPTIONS: the server is started with it on the command line.
  const port = 3790;
  const baseUrl = `http://127.0.0.1:${port}`;
  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const server = spawn(
    process.execPath,
    [`--cpu-prof`, `--cpu-prof-dir=${dir}`, next, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        AUTH_SECRET,
        APP_ORIGIN: baseUrl,
        DATABASE_URL: temp.url,
      },
      stdio: "ignore",
    },
  );
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    for (let ready = false; !ready; ) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      ready = await fetch(`${baseUrl}/login`).then(
        (r) => r.ok,
        () => false,
      );
    }
    const client = await signedIn(baseUrl, ada.email, ada.password);
    const page = process.argv.includes("--page");
    const url = `${baseUrl}${page ? "/messages" : "/api/conversations"}/${bo.id}`;
    const result = await autocannon({
      url,
      headers: { cookie: client.cookieHeader() },
      connections: 10,
      duration: 10,
    });
    console.log(`${Math.round(result.requests.average)} req/s, ${result.non2xx} non-2xx`);
  } finally {
    server.kill("SIGINT");
    await exited;
  }
  const profiles = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const biggest = profiles
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!biggest) throw new Error("no profile written");
  summarizeProfile(biggest);
  const kept = path.join(os.tmpdir(), "cairo-profile-latest.cpuprofile");
  fs.copyFileSync(biggest, kept);
  console.log(`profile: ${kept}`);
  await temp.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
