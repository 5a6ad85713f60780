import type { AuditHead } from "@accord/api-contract";
import type { AuditHead as ChainHead } from "@accord/domain";

/** The audit chain's newest entry, or null while it is empty. */
export function presentAuditHead(head: ChainHead | null): AuditHead {
  return head ? { seq: head.seq, hash: head.hash } : null;
}
