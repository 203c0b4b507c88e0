import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SECRET_FILE = path.join(process.cwd(), ".auth-secret");

/**
 * AUTH_SECRET signs the session cookies. Production must set it; a local run without one
 * generates a random secret into a git-ignored file, so no default secret ever ships.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (process.env.NODE_ENV === "production" && process.env.CAIRO_LOCAL !== "1") {
    throw new Error(
      "AUTH_SECRET is not set. Generate one with `openssl rand -base64 32` and set it in the environment.",
    );
  }
  if (!fs.existsSync(SECRET_FILE)) {
    fs.writeFileSync(SECRET_FILE, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return fs.readFileSync(SECRET_FILE, "utf8").trim();
}
