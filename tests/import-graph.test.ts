import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers' directions, checked on the import specifiers themselves: db/ is the ground
 * floor (nothing from lib/, app/ or components/), lib/ stays below the routes and the
 * components, components/ never reach into app/ (shared server actions come from
 * lib/actions/, a route's own ones as props), and the product (app, lib, db, components,
 * scripts) never imports the test kit.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bexport\s*\*\s*from\s*)["']([^"']+)["']/g;

function sourcesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...sourcesUnder(relative));
    else if (SOURCE.test(entry.name)) found.push(relative);
  }
  return found;
}

/** The repository path an import specifier points at (without extension), or null for a package. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) {
    return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  }
  return null;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(SPECIFIER)]
    .map((match) => target(file, match[1] ?? ""))
    .filter((found): found is string => found !== null);
}

function violations(dirs: string[], forbidden: string[]): string[] {
  return dirs.flatMap((dir) =>
    sourcesUnder(dir).flatMap((file) =>
      importsOf(file)
        .filter((imported) => forbidden.some((layer) => imported.startsWith(`${layer}/`)))
        .map((imported) => `${file} -> ${imported}`),
    ),
  );
}

describe("the import graph", () => {
  it("finds the imports it checks", () => {
    expect(importsOf("db/query.ts")).toContain("db/current");
    expect(importsOf("components/MessageItem.tsx")).toContain("lib/actions/chat");
  });

  it("keeps db/ on the ground floor: nothing from lib/, app/ or components/", () => {
    expect(violations(["db"], ["lib", "app", "components"])).toEqual([]);
  });

  it("keeps lib/ below the routes and the components", () => {
    expect(violations(["lib"], ["app", "components"])).toEqual([]);
  });

  it("keeps components/ out of app/", () => {
    expect(violations(["components"], ["app"])).toEqual([]);
  });

  it("keeps the test kit out of the product", () => {
    expect(
      violations(
        ["app", "lib", "db", "components", "scripts"],
        ["test-kit", "reliability", "cluster", "bench", "tests"],
      ),
    ).toEqual([]);
  });
});
