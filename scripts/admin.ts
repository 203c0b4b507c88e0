/**
 * Grants or revokes the admin role on the database DATABASE_URL names:
 *   npm run admin -- grant EMAIL
 *   npm run admin -- revoke EMAIL
 * Prints what it did; exits 1 when refused (unknown email, the last admin), 2 on misuse.
 */
import { closeDatabase, migrateDatabase } from "@/db/client";
import { runAdminCommand } from "@/lib/admin/command";
import { registerReceivers } from "@/lib/receivers";

async function main(): Promise<number> {
  await migrateDatabase();
  registerReceivers();
  try {
    const { code, message } = await runAdminCommand(process.argv.slice(2));
    (code === 0 ? console.log : console.error)(message);
    return code;
  } finally {
    await closeDatabase();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
