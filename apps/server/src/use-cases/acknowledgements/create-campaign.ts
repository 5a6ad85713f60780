import {
  AccordError,
  assertValidQuiz,
  authorizeAcknowledgementAdmin,
  dayStart,
  resolveAudience,
  type CampaignAudience,
  type Quiz,
} from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import { insertCampaign, type CampaignRow } from "../../storage/acknowledgements.js";
import { appendAuditEvent } from "../../storage/audit-events.js";
import { findPolicyById } from "../../storage/policies.js";
import { listPublications } from "../../storage/proposals.js";
import { listRoster } from "../../storage/roster.js";
import type { UseCaseContext } from "../context.js";
import { assignPeople } from "./assign-people.js";

/** Who a new campaign asks, as the facilitator names them: everyone, some units, or a list of e-mails. */
export type AudienceInput = { kind: "everyone" } | { kind: "units"; units: string[] } | { kind: "list"; emails: string[] };

/** A new campaign: one published version, by number and content hash, to an audience by a due date. */
export interface NewCampaignInput {
  policyId: string;
  versionNumber: number;
  contentHash: string;
  dueDate: string;
  audience: AudienceInput;
  quiz?: Quiz | null;
}

/**
 * The facilitator asks an audience of the roster to acknowledge one published version by a due date.
 * Guards in order: may they (campaign.manage), does the policy exist, is that version published with
 * that hash, is the audience and quiz sound; then one transaction assigns everyone it takes in and
 * records the campaign in the audit chain. Each person is told through the outbox.
 */
export async function createCampaign(
  ctx: UseCaseContext,
  actor: CurrentUser,
  input: NewCampaignInput,
): Promise<{ campaign: CampaignRow; assigned: number }> {
  authorizeAcknowledgementAdmin(actor, "campaign.manage");
  const policy = await findPolicyById(ctx.db, input.policyId);
  if (!policy) throw new AccordError("not_found", "No policy was found here.");
  const publication = (await listPublications(ctx.db, policy.id)).find((candidate) => candidate.version_number === input.versionNumber);
  if (!publication) throw new AccordError("version_not_published", `Version ${input.versionNumber} of this policy is not published.`);
  if (publication.content_hash !== input.contentHash) {
    throw new AccordError("statement_mismatch", `The content hash given is not version ${input.versionNumber}'s.`);
  }
  dayStart(input.dueDate);
  if (input.quiz) assertValidQuiz(input.quiz);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const roster = (await listRoster(trx)).filter((person) => !person.disabled);
    const audience = audienceOf(input.audience, roster);
    const campaign = await insertCampaign(trx, {
      id: crypto.randomUUID(),
      policy_id: policy.id,
      version_number: input.versionNumber,
      content_hash: input.contentHash,
      title: publication.title,
      audience,
      due_date: input.dueDate,
      quiz: input.quiz ?? null,
      created_by: actor.id,
      created_at: now,
    });
    const people = resolveAudience(audience, roster);
    const assigned = await assignPeople(
      trx,
      ctx,
      campaign,
      people.map((person) => person.userId),
      actor.id,
      now,
    );
    await appendAuditEvent(trx, {
      occurredAt: now,
      actorId: actor.id,
      action: "campaign.created",
      subjectType: "campaign",
      subjectId: campaign.id,
      payload: {
        policyId: policy.id,
        versionNumber: input.versionNumber,
        contentHash: input.contentHash,
        dueDate: input.dueDate,
        audience: audience.kind === "list" ? { kind: "list", count: audience.userIds.length } : audience,
        quiz: input.quiz ? { questions: input.quiz.questions.length, passMarkPercent: input.quiz.passMarkPercent } : null,
        assigned: assigned.length,
      },
    });
    return { campaign, assigned: assigned.length };
  });
}

/** The audience as stored: units must exist on the roster, and a list's e-mails must all be on it. */
function audienceOf(input: AudienceInput, roster: readonly { userId: string; email: string; unit: string }[]): CampaignAudience {
  if (input.kind === "everyone") return { kind: "everyone" };
  if (input.kind === "units") {
    const units = [...new Set(input.units.map((unit) => unit.trim()).filter(Boolean))];
    if (units.length === 0) throw new AccordError("validation_failed", "Name at least one unit.");
    return { kind: "units", units };
  }
  const normalized = input.emails.map((email) => email.trim().toLowerCase());
  const emails = [...new Set(normalized.filter(Boolean))];
  if (emails.length === 0) throw new AccordError("validation_failed", "Name at least one person.");
  const byEmail = new Map(roster.map((person) => [person.email, person.userId]));
  const unknown = emails.filter((email) => !byEmail.has(email));
  if (unknown.length > 0) {
    // One problem per refused entry, at its place in the list as sent, so a form can show each beside its row.
    const fields = normalized.flatMap((email, index) =>
      email && !byEmail.has(email)
        ? [{ path: `/body/audience/emails/${index}`, message: `The roster has no active person with the e-mail ${email}.` }]
        : [],
    );
    throw new AccordError("validation_failed", `Not on the roster: ${unknown.join(", ")}.`, { fields });
  }
  return { kind: "list", userIds: emails.map((email) => byEmail.get(email)!) };
}
