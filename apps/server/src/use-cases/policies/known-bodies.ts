import { AccordError } from "@accord/domain";
import type { Kysely } from "kysely";
import { findBodiesByIds } from "../../storage/bodies.js";
import type { Database } from "../../storage/database.js";

/**
 * The rule for a policy's required approving bodies, shared by setting them on a policy and by creating
 * a policy with them: every id names an existing body. Returns the ids sorted and without repeats;
 * throws validation_failed naming the unknown ids under `field`.
 */
export async function assertKnownBodies(db: Kysely<Database>, bodyIds: readonly string[], field: string): Promise<string[]> {
  const wanted = [...new Set(bodyIds)].sort();
  const found = await findBodiesByIds(db, wanted);
  if (found.length !== wanted.length) {
    const missing = wanted.filter((id) => !found.some((body) => body.id === id));
    throw new AccordError("validation_failed", `No approving body has the id ${missing.join(", ")}.`, {
      fields: [{ path: field, message: "unknown approving body" }],
    });
  }
  return wanted;
}
