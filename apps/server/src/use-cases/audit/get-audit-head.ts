import type { AuditHead } from "@accord/domain";
import type { UseCaseContext } from "../context.js";

/**
 * The current head of the audit chain (its last entry's sequence number and hash). Published or kept
 * elsewhere, it lets anyone detect a later rewrite of the chain: `pnpm audit:verify --head SEQ:HASH`.
 */
export async function getAuditHead(ctx: UseCaseContext): Promise<AuditHead | null> {
  const last = await ctx.db.selectFrom("audit_events").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  return last ? { seq: Number(last.seq), hash: last.hash } : null;
}
