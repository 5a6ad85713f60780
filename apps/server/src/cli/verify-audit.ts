import { readFileSync } from "node:fs";
import { verifyAuditChain, type AuditHead } from "@accord/domain";
import { databaseConfigFromEnv } from "../config.js";
import { listAuditEvents } from "../storage/audit-events.js";
import { checkAcknowledgementRecord } from "../use-cases/acknowledgements/verify-acknowledgements.js";
import { createDatabase } from "../storage/database.js";

// `pnpm audit:verify [--head SEQ:HASH]... [--heads FILE]`: checks the whole audit chain and names the
// first broken entry. Heads recorded earlier (published, or kept elsewhere) also catch a rewrite of the
// chain from some entry onwards, and a truncation. Exit codes: 0 intact, 1 broken, 2 not checked
// (misuse, no database where the environment points, an embedded folder in use by a running server, a
// database that cannot be read): "broken" is said only of a chain that was read and found broken.
function parseHead(text: string): AuditHead {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) {
    console.error(`A head is SEQ:HASH (such as 42:3f…), not "${text}".`);
    process.exit(2);
  }
  return { seq: Number(match[1]), hash: match[2] ?? "" };
}

const args = process.argv.slice(2);
const heads: AuditHead[] = [];
for (let index = 0; index < args.length; index++) {
  const arg = args[index];
  const value = args[index + 1];
  if (arg === "--head" && value) heads.push(parseHead(value));
  else if (arg === "--heads" && value) {
    heads.push(
      ...readFileSync(value, "utf8")
        .split("\n")
        .filter((line) => line.trim())
        .map(parseHead),
    );
  } else {
    console.error(`Unknown argument "${arg}". Usage: pnpm audit:verify [--head SEQ:HASH]... [--heads FILE]`);
    process.exit(2);
  }
  index++;
}

function notChecked(error: unknown): never {
  console.error(`The audit trail was not checked. ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

let open;
try {
  // mustExist: checking a folder that holds nothing must not create an empty database there.
  open = await createDatabase(databaseConfigFromEnv(process.env), { purpose: "audit:verify", mustExist: true });
} catch (error) {
  notChecked(error);
}
const { db, description } = open;
try {
  let events;
  try {
    events = await listAuditEvents(db);
  } catch (error) {
    await db.destroy();
    notChecked(error);
  }
  const result = verifyAuditChain(events, heads);
  if (result.ok) {
    const head = result.head ? `${result.head.seq}:${result.head.hash}` : "(empty)";
    console.log(`The audit trail in ${description} is intact: ${result.count} entries. Head: ${head}`);
    // Officers' acknowledgements (issue 18): each stored row must still match what the chain recorded.
    const { acknowledgements } = await checkAcknowledgementRecord(db);
    if (acknowledgements.ok)
      console.log(`Its ${acknowledgements.count} officers' acknowledgements match the records of them in the trail.`);
    else {
      console.error(`The acknowledgement ${acknowledgements.acknowledgementId} was CHANGED: ${acknowledgements.reason}`);
      process.exitCode = 1;
    }
  } else {
    console.error(`The audit trail in ${description} is BROKEN at entry ${result.brokenAt}: ${result.reason}`);
    process.exitCode = 1;
  }
} finally {
  await db.destroy();
}
