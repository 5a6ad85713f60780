import { createHash, createHmac, randomBytes } from "node:crypto";
import {
  AccordError,
  assertCommenterAllowed,
  assertOpenForComments,
  assertWithinCommentLimits,
  checkPublicComment,
  commenterKindOf,
  defaultPublicCommentLimits,
  nearDuplicateKey,
  type PublicCommentLimits,
} from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { countRecentComments, findCommentPeriod, insertPublicComment } from "../../storage/comment-periods.js";
import { queueCommentEmail } from "../../storage/public-comment-emails.js";
import { findVersion } from "../../storage/versions.js";
import type { UseCaseContext } from "../context.js";
import { verificationEmail } from "./verification-email.js";
import { versionSections } from "./version-sections.js";

/** A comment as the public form sends it. Empty strings stand for fields left blank. */
export interface PublicCommentInput {
  section: string;
  body: string;
  quote: string;
  name: string;
  organisation: string;
  email: string;
  /** The honeypot: a field people never see, filled only by robots. */
  website: string;
}

/** What became of a submission: where the comment now stands. */
export interface SubmittedComment {
  /** `pending` (for the moderators), `unverified` (waiting for the e-mail's confirmation), or `discarded` (a robot's, silently). */
  status: "pending" | "unverified" | "discarded";
}

/**
 * HMAC-SHA-256 of the network address under the installation's secret key: enough to count a flood, not
 * kept in clear. A plain hash would not do: there are only 2^32 IPv4 addresses, so anyone holding a
 * stored hash could try them all in minutes. With the key they still can (the key lives in the same
 * database), but a hash alone, in a log, an export or a leaked column, gives nothing away.
 */
export function hashAddress(key: Buffer, address: string): string {
  return createHmac("sha256", key).update(address).digest("hex");
}

/** SHA-256 of a link token: only the hash is stored, so a database reader cannot confirm or withdraw comments. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A member of the public comments on one section of a version in an open period. Guards in order: the
 * period exists and is open (409 before and after: the server's clock decides), the commenter's kind is
 * allowed, the rate limits (429), the comment itself (400). A named comment waits for its e-mail's
 * confirmation; the others go to the moderators. Nothing is published before a moderator does so.
 */
export async function submitPublicComment(
  ctx: UseCaseContext,
  periodId: string,
  input: PublicCommentInput,
  from: { address: string; user: CurrentUser | null },
  /** The installation's key for hashing network addresses (`installationSecret(db, "public-comment-address")`). */
  addressKey: Buffer,
  limits: PublicCommentLimits = defaultPublicCommentLimits,
): Promise<SubmittedComment> {
  const period = await findCommentPeriod(ctx.db, periodId);
  if (!period) throw new AccordError("not_found", "No comment period was found here.");
  const now = ctx.now();
  assertOpenForComments({ opensAt: period.opens_at, closesAt: period.closes_at }, now);
  // A robot fills every field; people never see this one. Answer as if accepted, so it learns nothing.
  if (input.website.trim() !== "") return { status: "discarded" };

  const email = input.email.trim().toLowerCase() || null;
  const signedIn = from.user !== null && period.allow_signed_in;
  const kind = commenterKindOf({ signedIn, email: signedIn ? null : email });
  const allowed = [
    ...(period.allow_anonymous ? (["anonymous"] as const) : []),
    ...(period.allow_verified_email ? (["verified_email"] as const) : []),
    ...(period.allow_signed_in ? (["signed_in"] as const) : []),
  ];
  assertCommenterAllowed(allowed, kind);
  if (email !== null && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(email))) {
    throw new AccordError("validation_failed", "Give a valid e-mail address.", {
      fields: [{ path: "/body/email", message: "not an e-mail address" }],
    });
  }
  const addressHash = hashAddress(addressKey, from.address);
  const recent = await countRecentComments(
    ctx.db,
    new Date(now.getTime() - limits.windowMs),
    addressHash,
    kind === "verified_email" ? email : null,
  );
  assertWithinCommentLimits(limits, recent);

  const version = await findVersion(ctx.db, period.policy_id, period.version_number);
  const section = version ? versionSections(version.canonical_json).find((candidate) => candidate.number === input.section) : undefined;
  if (!version || !section) {
    throw new AccordError("validation_failed", `The commented version has no section ${input.section}.`, {
      fields: [{ path: "/body/section", message: "no such section" }],
    });
  }
  const comment = checkPublicComment(
    {
      body: input.body,
      quote: input.quote,
      name: kind === "signed_in" ? "" : input.name,
      organisation: period.allow_organisation ? input.organisation : "",
    },
    section.text,
  );
  if (kind === "verified_email" && comment.name === "") {
    throw new AccordError("validation_failed", "Give your name: a comment with an e-mail address is published under a name.", {
      fields: [{ path: "/body/name", message: "required with an e-mail address" }],
    });
  }

  const id = crypto.randomUUID();
  const status = kind === "verified_email" ? "unverified" : "pending";
  const verifyToken = kind === "verified_email" ? randomBytes(24).toString("base64url") : null;
  const withdrawToken = kind === "verified_email" ? randomBytes(24).toString("base64url") : null;
  await ctx.db.transaction().execute(async (trx) => {
    await insertPublicComment(trx, {
      id,
      period_id: period.id,
      section: section.number,
      body: comment.body,
      quote: comment.quote,
      // Anonymous comments carry no name at all, whatever the form held.
      display_name: kind === "signed_in" ? from.user!.displayName : kind === "verified_email" ? comment.name : "",
      organisation: comment.organisation,
      commenter_kind: kind,
      user_id: kind === "signed_in" ? from.user!.id : null,
      email: kind === "verified_email" ? email : null,
      address_hash: addressHash,
      duplicate_key: nearDuplicateKey(comment.body),
      status,
      received_at: now,
      verify_token_hash: verifyToken ? hashToken(verifyToken) : null,
      withdraw_token_hash: withdrawToken ? hashToken(withdrawToken) : null,
      verified_at: null,
      withdrawn_at: null,
      moderated_by: null,
      moderated_at: null,
      rejection_reason: null,
      answered_in_section: null,
      no_response_reason: null,
    });
    if (verifyToken && withdrawToken && email) {
      const policy = await trx
        .selectFrom("policies")
        .select(["slug", "title"])
        .where("id", "=", period.policy_id)
        .executeTakeFirstOrThrow();
      await queueCommentEmail(trx, {
        commentId: id,
        recipient: email,
        ...verificationEmail({
          policyTitle: policy.title,
          slug: policy.slug,
          section: section.number,
          body: comment.body,
          verifyToken,
          withdrawToken,
        }),
        now,
      });
    }
    // The audit record names the comment, never the e-mail or the address.
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: kind === "signed_in" ? from.user!.id : null,
      action: "public_comment.received",
      subjectType: "public_comment",
      subjectId: id,
      payload: { periodId: period.id, section: section.number, commenterKind: kind, status },
    });
  });
  return { status };
}
