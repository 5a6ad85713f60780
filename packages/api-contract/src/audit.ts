import { Type, type Static } from "typebox";
import { errorAnswers, signedIn } from "./errors.js";
import { Closed, Nullable, type Endpoint } from "./schema-kit.js";

/** The newest entry of the audit chain: its sequence number and hash (null while the chain is empty). */
export const AuditHeadSchema = Nullable(Closed({ seq: Type.Integer(), hash: Type.String() }));
export type AuditHead = Static<typeof AuditHeadSchema>;

/** The audit chain's head, so that an outside check can later prove nothing before it was rewritten. */
export const auditEndpoints = {
  /** GET /api/audit/head */
  head: { response: { 200: Closed({ head: AuditHeadSchema }), ...errorAnswers(...signedIn) } },
} satisfies Record<string, Endpoint>;
