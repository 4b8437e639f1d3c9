/** `npm run migrate`: bring the database named by DATABASE_URL to the latest schema. */
import { createDatabase, databasePath, migrateToLatest } from "./connection";

const file = databasePath();
const { db } = createDatabase(file);
const applied = await migrateToLatest(db);
console.log(applied.length ? `Applied ${applied.join(", ")} to ${file}` : `${file} is up to date`);
await db.destroy();
