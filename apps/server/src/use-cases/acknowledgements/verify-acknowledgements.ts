import {
  authorizeAcknowledgementAdmin,
  verifyAcknowledgements,
  verifyAuditChain,
  type AcknowledgementCheck,
  type AuditVerification,
} from "@accord/domain";
import type { Kysely } from "kysely";
import type { CurrentUser } from "../../auth/sessions.js";
import { listAcknowledgementAuditPayloads, listAllAcknowledgements } from "../../storage/acknowledgements.js";
import { listAuditEvents } from "../../storage/audit-events.js";
import type { Database } from "../../storage/database.js";
import type { UseCaseContext } from "../context.js";
import { acknowledgementRecordOf } from "./acknowledge.js";

/** The audit chain's own check, and every acknowledgement row against the chain's record of it. */
export interface AcknowledgementVerification {
  chain: AuditVerification;
  acknowledgements: AcknowledgementCheck;
}

/**
 * Verifies the acknowledgement record: the audit chain's hashes (which vouch for each recorded
 * payload), then each stored acknowledgement against its recorded payload. A row changed behind
 * Accord's back (the table's trigger switched off) fails the second check.
 */
export async function checkAcknowledgementRecord(db: Kysely<Database>): Promise<AcknowledgementVerification> {
  const chain = verifyAuditChain(await listAuditEvents(db));
  const rows = (await listAllAcknowledgements(db)).map(acknowledgementRecordOf);
  return { chain, acknowledgements: verifyAcknowledgements(rows, await listAcknowledgementAuditPayloads(db)) };
}

/** The same check, for the facilitator over the API. */
export async function verifyAcknowledgementRecord(ctx: UseCaseContext, actor: CurrentUser): Promise<AcknowledgementVerification> {
  authorizeAcknowledgementAdmin(actor, "acknowledgement.report");
  return checkAcknowledgementRecord(ctx.db);
}
