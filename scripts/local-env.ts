/** Writes a random AUTH_SECRET into the git-ignored .env.local unless one is there. */
import { randomBytes } from "node:crypto";
import fs from "node:fs";

const FILE = ".env.local";
const existing = fs.existsSync(FILE) ? fs.readFileSync(FILE, "utf8") : "";
if (/^AUTH_SECRET=/m.test(existing)) {
  console.log(`${FILE} has an AUTH_SECRET already.`);
} else {
  const line = `AUTH_SECRET=${randomBytes(32).toString("base64")}\n`;
  fs.writeFileSync(
    FILE,
    existing && !existing.endsWith("\n") ? `${existing}\n${line}` : existing + line,
    {
      mode: 0o600,
    },
  );
  console.log(`Wrote a new AUTH_SECRET to ${FILE}.`);
}
