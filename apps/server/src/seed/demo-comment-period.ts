import type { Kysely } from "kysely";
import { nearDuplicateKey } from "@accord/domain";
import { canonicalizeDocument, docJSON, documentToPlainText, headingJSON as heading, paragraphJSON as p } from "@accord/policy-schema";
import { createHash } from "node:crypto";
import { encodeDraftState } from "../drafts/yjs-draft.js";
import { appendAuditEvent } from "../storage/audit-events.js";
import { insertCommentPeriod, insertPublicComment } from "../storage/comment-periods.js";
import type { Database } from "../storage/database.js";
import { insertDraftDocument } from "../storage/drafts.js";
import { insertMember, insertPolicy, replaceRequiredBodies } from "../storage/policies.js";
import { insertVersion } from "../storage/versions.js";

/** The slug of the demo policy that is open for public comment. */
export const demoCommentPolicySlug = "use-of-force-reporting";

const day = 24 * 60 * 60 * 1000;

/** The demo "Use of Force Reporting" policy's version 1, the text open for comment. Riverton is fictional. */
export const useOfForceReportingDocument = docJSON(
  heading(1, "Purpose"),
  p(
    "This policy sets out when Riverton police officers must report a use of force, what the report contains, and how reports are reviewed and published.",
  ),
  heading(1, "When a Report Is Required"),
  p(
    "An officer who uses force beyond unresisted handcuffing, or who sees another officer do so, reports it before the end of their shift.",
  ),
  p("Pointing a firearm at a person is a use of force and is reported."),
  heading(1, "What the Report Contains"),
  p(
    "The report states what happened before, during and after the force was used, in the officer's own words, and lists any injuries, witnesses and recordings.",
  ),
  heading(1, "Supervisor Review"),
  p("A supervisor who was not involved reviews every report within seven days and may refer it to internal affairs."),
  heading(1, "Public Data"),
  p(
    "Each quarter the department publishes the number of reports by type of force, by district and by the race and age of the people involved, with no names.",
  ),
);

/** Who the demo seed makes the working group of the second policy: the same people as the first. */
export interface DemoCommentCast {
  facilitatorId: string;
  members: { userId: string; role: "editor" | "commenter" | "viewer"; affiliation: string }[];
  requiredBodyIds: string[];
}

/** A demo comment: its section, text, name (empty: anonymous), state and, for a rejection, the reason. */
const demoComments: {
  section: string;
  body: string;
  name: string;
  organisation: string;
  status: "published" | "pending" | "rejected";
  reason?: string;
  daysAgo: number;
}[] = [
  {
    section: "2",
    body: "Pointing a Taser should count too, not only a firearm.",
    name: "",
    organisation: "",
    status: "published",
    daysAgo: 1.5,
  },
  {
    section: "2",
    body: "Reports before the end of the shift are too late when someone was hurt: make it within two hours.",
    name: "Ruth Okafor",
    organisation: "Riverton Neighbourhood Watch",
    status: "published",
    daysAgo: 1.2,
  },
  {
    section: "5",
    body: "Please publish the data every month, and as a spreadsheet.",
    name: "",
    organisation: "",
    status: "published",
    daysAgo: 1,
  },
  {
    section: "5",
    body: "Please publish the data every month and as a spreadsheet!",
    name: "",
    organisation: "",
    status: "published",
    daysAgo: 0.8,
  },
  {
    section: "4",
    body: "Who reviews a report when the supervisor was there?",
    name: "",
    organisation: "",
    status: "pending",
    daysAgo: 0.2,
  },
  {
    section: "3",
    body: "My neighbour's car is parked on the pavement again.",
    name: "",
    organisation: "",
    status: "rejected",
    reason: "off_topic",
    daysAgo: 0.5,
  },
];

/**
 * The second demo policy, "Use of Force Reporting": its working group, a saved version 1 in an open
 * public comment period (anonymous comments and named ones with a verified e-mail; it opened two days
 * before the seed and closes 30 days after it, by the seed's clock), a few published comments, one
 * waiting for a moderator and one rejected with its reason. Written in the seed's transaction.
 */
export async function seedDemoCommentPeriod(trx: Kysely<Database>, cast: DemoCommentCast, now: Date): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
  const audit = (
    occurredAt: Date,
    actorId: string | null,
    action: string,
    subjectType: string,
    subjectId: string,
    payload: Record<string, string | number>,
  ) => appendAuditEvent(trx, { occurredAt, actorId, action, subjectType, subjectId, payload: { ...payload, demo: 1 } });
  const policy = await insertPolicy(trx, {
    id: crypto.randomUUID(),
    slug: demoCommentPolicySlug,
    title: "Use of Force Reporting",
    summary:
      "When officers must report a use of force, what the report says, who reviews it and what the public sees: open for public comment.",
    created_by: cast.facilitatorId,
    created_at: at(20),
    updated_at: at(20),
  });
  await audit(at(20), cast.facilitatorId, "policy.created", "policy", policy.id, { slug: policy.slug, title: policy.title });
  await insertDraftDocument(trx, policy.id, encodeDraftState(useOfForceReportingDocument), at(20));
  for (const member of cast.members) {
    await insertMember(trx, {
      policy_id: policy.id,
      user_id: member.userId,
      role: member.role,
      affiliation: member.affiliation as never,
      added_at: at(20),
    });
  }
  await replaceRequiredBodies(trx, policy.id, cast.requiredBodyIds);

  const canonical = canonicalizeDocument(useOfForceReportingDocument);
  const words = documentToPlainText(canonical.node).split(/\s+/).filter(Boolean).length;
  const author = cast.members.find((member) => member.role === "editor")?.userId ?? cast.facilitatorId;
  await insertVersion(trx, {
    id: crypto.randomUUID(),
    policy_id: policy.id,
    number: 1,
    label: "For public comment",
    note: "The working group's draft, put to the public before the board and the union decide.",
    author_id: author,
    created_at: at(3),
    canonical_json: canonical.json,
    content_hash: canonical.hash,
    yjs_state: encodeDraftState(useOfForceReportingDocument),
    word_count: words,
    words_added: words,
    words_removed: 0,
  });
  const period = await insertCommentPeriod(trx, {
    id: crypto.randomUUID(),
    policy_id: policy.id,
    version_number: 1,
    content_hash: canonical.hash,
    opens_at: at(2),
    closes_at: new Date(now.getTime() + 30 * day),
    allow_anonymous: true,
    allow_verified_email: true,
    allow_signed_in: false,
    allow_organisation: true,
    created_by: cast.facilitatorId,
    created_at: at(2),
  });
  await audit(at(2), cast.facilitatorId, "comment_period.opened", "comment_period", period.id, { policyId: policy.id, versionNumber: 1 });
  for (const [index, comment] of demoComments.entries()) {
    const id = crypto.randomUUID();
    await insertPublicComment(trx, {
      id,
      period_id: period.id,
      section: comment.section,
      body: comment.body,
      quote: "",
      display_name: comment.name,
      organisation: comment.organisation,
      commenter_kind: "anonymous",
      user_id: null,
      email: null,
      // No real address: a per-comment placeholder, so the demo's comments never count against anyone's limit.
      address_hash: createHash("sha256").update(`accord:demo-comment:${index}`).digest("hex"),
      duplicate_key: nearDuplicateKey(comment.body),
      status: comment.status,
      received_at: at(comment.daysAgo),
      verify_token_hash: null,
      withdraw_token_hash: null,
      verified_at: null,
      withdrawn_at: null,
      moderated_by: comment.status === "pending" ? null : cast.facilitatorId,
      moderated_at: comment.status === "pending" ? null : at(comment.daysAgo - 0.1),
      rejection_reason: comment.reason ?? null,
      answered_in_section: null,
      no_response_reason: null,
    });
    if (comment.status !== "pending") {
      await audit(at(comment.daysAgo - 0.1), cast.facilitatorId, `public_comment.${comment.status}`, "public_comment", id, {
        periodId: period.id,
        ...(comment.reason ? { reason: comment.reason } : {}),
      });
    }
  }
}
