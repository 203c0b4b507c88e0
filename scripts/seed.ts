/**
 * Demo colleagues and a few conversations, so a newcomer has something to look at.
 * Idempotent: does nothing when the demo users exist already.
 */
import { eq } from "drizzle-orm";
import { closeDatabase, migrateDatabase } from "@/db/client";
import { db } from "@/db/query";
import { users } from "@/db/schema";
import { registerUser } from "@/lib/accounts/accounts";
import { sendMessage } from "@/lib/messaging/messages";
import { registerReceivers } from "@/lib/receivers";

const PASSWORD = "cairo-demo-2026";
const PEOPLE = [
  { name: "Amira Hassan", email: "amira@cairo.test" },
  { name: "Bilal Farouk", email: "bilal@cairo.test" },
  { name: "Chen Wei", email: "chen@cairo.test" },
];

async function seed() {
  await migrateDatabase();
  registerReceivers();
  const [existing] = await db()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, PEOPLE[0]?.email ?? ""));
  if (existing) {
    console.log("Demo data is there already.");
  } else {
    const ids: number[] = [];
    for (const person of PEOPLE) {
      const result = await registerUser({ ...person, password: PASSWORD });
      if (!result.ok) throw new Error(result.error);
      ids.push(result.data.id);
    }
    const [amira, bilal, chen] = ids as [number, number, number];
    const script: [number, number, string][] = [
      [amira, bilal, "Morning Bilal! Did the release notes go out?"],
      [bilal, amira, "Not yet, waiting on QA. Should be done by noon."],
      [amira, bilal, "Great, ping me when they do."],
      [chen, amira, "Amira, can you review my design doc this week?"],
      [bilal, chen, "Lunch at 1?"],
    ];
    for (const [from, to, content] of script) {
      const sent = await sendMessage(from, { receiverId: to, content });
      if (!sent.ok) throw new Error(sent.error);
    }
    console.log("Demo data created.");
  }
  console.log(
    `\nSign in at http://localhost:3000/login with any of these (password: ${PASSWORD}):`,
  );
  for (const person of PEOPLE) console.log(`  ${person.name.padEnd(14)} ${person.email}`);
}

void seed().then(closeDatabase);
