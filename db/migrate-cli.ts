/** `npm run migrate`: bring the database named by DATABASE_URL to the latest schema. */
import { databaseTarget, describeDatabase, migrateToLatest, openDatabase } from "./connection";

const target = databaseTarget();
const db = openDatabase(target);
const applied = await migrateToLatest(db);
const name = describeDatabase(target);
console.log(applied.length ? `Applied ${applied.join(", ")} to ${name}` : `${name} is up to date`);
await db.destroy();
