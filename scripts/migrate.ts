/** Creates the database file if needed and applies every pending migration. */
import { getDb } from "@/db/client";

const db = getDb();
const file = db.$client.name;
db.$client.close();
console.log(`Database ready: ${file}`);
