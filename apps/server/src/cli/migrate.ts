import { databaseConfigFromEnv } from "../config.js";
import { createDatabase, migrateToLatest } from "../storage/database.js";

// `pnpm db:migrate`: runs every pending migration on the database the environment names. Exit code 0
// when done, 1 when it could not (an embedded folder in use by a running server, a failing migration).
let open;
try {
  open = await createDatabase(databaseConfigFromEnv(process.env), { purpose: "db:migrate" });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const { db, description, firstStart } = open;
if (firstStart?.from === "template") console.log(`New embedded database in ${description}: copied from the build's template.`);
if (firstStart?.from === "initdb")
  console.log(`New embedded database in ${description}: created by initdb, not from the template: ${firstStart.reason}`);
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length > 0 ? `Applied to ${description}: ${applied.join(", ")}` : `${description} is up to date.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
