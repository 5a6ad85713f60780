import { acknowledgementAuditPayload, acknowledgementStatement } from "@accord/domain";
import type { Kysely } from "kysely";
import { insertAccount } from "../storage/accounts.js";
import { closeAssignments, insertAcknowledgement, insertAssignments, insertCampaign } from "../storage/acknowledgements.js";
import { appendAuditEvent } from "../storage/audit-events.js";
import type { Database } from "../storage/database.js";
import { upsertRosterPerson } from "../storage/roster.js";

const dayMs = 24 * 60 * 60 * 1000;

/** The demo department: two sergeants and their patrol officers; `done` officers have acknowledged. */
const demoRoster = [
  { email: "sgt.east@accord.test", displayName: "Sgt. Lena Ortiz", unit: "Patrol Supervisors", supervisor: null, done: false },
  { email: "sgt.west@accord.test", displayName: "Sgt. Noah Ward", unit: "Patrol Supervisors", supervisor: null, done: false },
  {
    email: "patrol@accord.test",
    displayName: "Officer Jordan Patel",
    unit: "Patrol East",
    supervisor: "sgt.east@accord.test",
    done: false,
  },
  { email: "chen@accord.test", displayName: "Officer Maya Chen", unit: "Patrol East", supervisor: "sgt.east@accord.test", done: true },
  { email: "romero@accord.test", displayName: "Officer Luis Romero", unit: "Patrol East", supervisor: "sgt.east@accord.test", done: false },
  { email: "rivera@accord.test", displayName: "Officer Sam Rivera", unit: "Patrol West", supervisor: "sgt.west@accord.test", done: true },
  { email: "kim@accord.test", displayName: "Officer Grace Kim", unit: "Patrol West", supervisor: "sgt.west@accord.test", done: true },
  { email: "brooks@accord.test", displayName: "Officer Ava Brooks", unit: "Patrol West", supervisor: "sgt.west@accord.test", done: false },
] as const;

/**
 * Seeds the demo's officers' acknowledgements in the seeding transaction: a roster of patrol officers
 * (all with the demo password), a campaign asking Patrol East and Patrol West to acknowledge the
 * published body-worn camera policy within two weeks, three officers who have acknowledged it (each
 * in the audit chain, as live ones are) and the rest pending, the demo officer patrol@accord.test among them.
 */
export async function seedDemoAcknowledgements(
  trx: Kysely<Database>,
  cast: { policyId: string; facilitatorId: string; passwordHash: string },
  now: Date,
): Promise<void> {
  const publication = await trx
    .selectFrom("publications")
    .select(["version_number", "content_hash", "title"])
    .where("policy_id", "=", cast.policyId)
    .orderBy("published_at", "desc")
    .executeTakeFirstOrThrow();
  const startedAt = new Date(now.getTime() - 5 * dayMs);
  const ids = new Map<string, string>();
  for (const person of demoRoster) {
    const account = await insertAccount(trx, {
      id: crypto.randomUUID(),
      email: person.email,
      display_name: person.displayName,
      password_hash: cast.passwordHash,
      created_at: startedAt,
      password_changed_at: startedAt,
    });
    ids.set(person.email, account.id);
    await upsertRosterPerson(
      trx,
      { userId: account.id, unit: person.unit, supervisorId: person.supervisor ? (ids.get(person.supervisor) ?? null) : null },
      startedAt,
    );
  }
  const campaign = await insertCampaign(trx, {
    id: crypto.randomUUID(),
    policy_id: cast.policyId,
    version_number: publication.version_number,
    content_hash: publication.content_hash,
    title: publication.title,
    audience: { kind: "units", units: ["Patrol East", "Patrol West"] },
    due_date: new Date(now.getTime() + 14 * dayMs).toISOString().slice(0, 10),
    quiz: null,
    created_by: cast.facilitatorId,
    created_at: startedAt,
  });
  await appendAuditEvent(trx, {
    occurredAt: startedAt,
    actorId: cast.facilitatorId,
    action: "campaign.created",
    subjectType: "campaign",
    subjectId: campaign.id,
    payload: { policyId: cast.policyId, versionNumber: publication.version_number, contentHash: publication.content_hash, demo: true },
  });
  const officers = demoRoster.filter((person) => person.unit !== "Patrol Supervisors");
  const assignments = await insertAssignments(
    trx,
    officers.map((person) => ({
      id: crypto.randomUUID(),
      campaign_id: campaign.id,
      user_id: ids.get(person.email) ?? "",
      policy_id: cast.policyId,
      version_number: publication.version_number,
      content_hash: publication.content_hash,
      due_date: campaign.due_date,
      assigned_at: startedAt,
    })),
  );
  const statement = acknowledgementStatement({
    policyTitle: publication.title,
    versionNumber: publication.version_number,
    contentHash: publication.content_hash,
  });
  for (const [index, person] of officers.entries()) {
    if (!person.done) continue;
    const assignment = assignments.find((candidate) => candidate.user_id === ids.get(person.email))!;
    const acknowledgedAt = new Date(startedAt.getTime() + (index + 1) * 6 * 60 * 60 * 1000);
    const acknowledgement = await insertAcknowledgement(trx, {
      id: crypto.randomUUID(),
      assignment_id: assignment.id,
      user_id: assignment.user_id,
      policy_id: cast.policyId,
      version_number: publication.version_number,
      content_hash: publication.content_hash,
      statement,
      acknowledged_at: acknowledgedAt,
    });
    await closeAssignments(trx, [assignment.id], "acknowledged", acknowledgedAt);
    await appendAuditEvent(trx, {
      occurredAt: acknowledgedAt,
      actorId: assignment.user_id,
      action: "acknowledgement.made",
      subjectType: "acknowledgement",
      subjectId: acknowledgement.id,
      payload: acknowledgementAuditPayload({
        id: acknowledgement.id,
        userId: acknowledgement.user_id,
        policyId: acknowledgement.policy_id,
        versionNumber: acknowledgement.version_number,
        contentHash: acknowledgement.content_hash,
        statement: acknowledgement.statement,
        acknowledgedAt: acknowledgedAt.toISOString(),
      }),
    });
  }
}
