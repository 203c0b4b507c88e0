import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const DEV_SECRET_FILE = path.join(process.cwd(), ".auth-secret");

/**
 * AUTH_SECRET signs the session cookies. Production must set it (`npm run demo` writes a
 * random one into the git-ignored .env.local); `next dev` without one generates a random
 * secret into the git-ignored .auth-secret. No default secret ever ships.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (process.env.NODE_ENV === "production") {
    throw new Error(
      "AUTH_SECRET is not set. Set it in the environment (openssl rand -base64 32), or run `npm run demo`, which writes one into .env.local.",
    );
  }
  if (!fs.existsSync(DEV_SECRET_FILE)) {
    fs.writeFileSync(DEV_SECRET_FILE, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return fs.readFileSync(DEV_SECRET_FILE, "utf8").trim();
}
