import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";

/** The names of the installation's secrets, one per use, so that no key serves two purposes. */
export type InstallationSecretName = "public-comment-address";

/**
 * The installation's secret of this name, made on first use. Race-safe across processes: each process
 * offers its own random value and the insert does nothing when the name exists, so whichever insert
 * committed first wins and every process then reads that one back.
 */
export async function installationSecret(db: Kysely<Database>, name: InstallationSecretName, now: Date): Promise<Buffer> {
  await db
    .insertInto("installation_secrets")
    .values({ name, secret: randomBytes(32).toString("hex"), created_at: now })
    .onConflict((conflict) => conflict.column("name").doNothing())
    .execute();
  const row = await db.selectFrom("installation_secrets").select("secret").where("name", "=", name).executeTakeFirstOrThrow();
  return Buffer.from(row.secret, "hex");
}
