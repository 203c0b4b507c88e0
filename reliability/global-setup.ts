import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { assertBuilt } from "../test-kit/server";

declare module "vitest" {
  export interface ProvidedContext {
    /** This run's temporary directory: every test file works in a directory under it. */
    workRoot: string;
  }
}

/**
 * Checks the build once, and gives the run one temporary root. The teardown runs even when
 * a test file crashed: it kills any server a file left behind (by the pid it recorded) and
 * removes every temporary database.
 */
export default function setup(project: TestProject) {
  assertBuilt();
  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-reliability-"));
  project.provide("workRoot", workRoot);
  return () => {
    for (const pid of leftoverServers(workRoot)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(workRoot, { recursive: true, force: true });
  };
}

function leftoverServers(root: string): number[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /server-\d+\.pid$/.test(file))
    .map((file) => Number(fs.readFileSync(path.join(root, file), "utf8")))
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}
