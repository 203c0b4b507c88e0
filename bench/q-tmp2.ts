import { eq } from "drizzle-orm";
import { getConnection } from "@/db/client";
import { db } from "@/db/query";
import { users } from "@/db/schema";
async function main() {
  getConnection();
  for (let i = 0; i < 20000; i++) await db().select().from(users).where(eq(users.id, 1));
  process.exit(0);
}
main();
