import { databaseConfigFromEnv } from "../config.js";
import { createDatabase, migrateToLatest } from "../storage/database.js";

// `pnpm db:migrate`: runs every pending migration on the database the environment names.
const { db, description } = await createDatabase(databaseConfigFromEnv(process.env));
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length > 0 ? `Applied to ${description}: ${applied.join(", ")}` : `${description} is up to date.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
