import { AccordError, acknowledgementOn, authorizeAcknowledgementAdmin, dayStart, isOverdue } from "@accord/domain";
import type { CurrentUser } from "../../auth/sessions.js";
import {
  findCampaign,
  listAcknowledgementsOfUser,
  listAssignmentsOfCampaign,
  listAssignmentsOfUser,
  listCampaigns,
  listQuizAttemptsOfUser,
  type AcknowledgementRow,
  type AssignmentRow,
  type CampaignRow,
  type QuizAttemptRow,
} from "../../storage/acknowledgements.js";
import { findEditorialVersion, listEditorialVersions, type EditorialVersionRow } from "../../storage/acknowledgement-settings.js";
import { findAccountById } from "../../storage/accounts.js";
import { findPolicyById } from "../../storage/policies.js";
import { findRosterPerson, listRoster, type RosterPersonRow } from "../../storage/roster.js";
import type { UseCaseContext } from "../context.js";

/** One unit's completion in a campaign. */
export interface UnitCompletion {
  unit: string;
  assigned: number;
  acknowledged: number;
  overdue: number;
}

/** One person's line in a campaign's report. */
export interface ReportPerson {
  person: RosterPersonRow | null;
  assignment: AssignmentRow;
  overdue: boolean;
  acknowledgedAt: Date | null;
}

/** A campaign's report: completion per unit, the overdue, and everyone's line. */
export interface CampaignReport {
  campaign: CampaignRow;
  units: UnitCompletion[];
  people: ReportPerson[];
  /** Set when the campaign's version is marked "editorial, no new acknowledgement". */
  editorial: EditorialVersionRow | null;
}

/** Every campaign with its counts, newest first. */
export async function listCampaignReports(ctx: UseCaseContext, actor: CurrentUser): Promise<CampaignReport[]> {
  authorizeAcknowledgementAdmin(actor, "acknowledgement.report");
  const roster = await listRoster(ctx.db);
  const editorial = new Map((await listEditorialVersions(ctx.db)).map((row) => [`${row.policy_id}/${row.version_number}`, row]));
  const reports: CampaignReport[] = [];
  for (const campaign of await listCampaigns(ctx.db)) {
    const mark = editorial.get(`${campaign.policy_id}/${campaign.version_number}`) ?? null;
    reports.push(await reportOf(ctx, campaign, roster, mark));
  }
  return reports;
}

/** One campaign's report. */
export async function getCampaignReport(ctx: UseCaseContext, actor: CurrentUser, campaignId: string): Promise<CampaignReport> {
  authorizeAcknowledgementAdmin(actor, "acknowledgement.report");
  const campaign = await findCampaign(ctx.db, campaignId);
  if (!campaign) throw new AccordError("not_found", "No such campaign was found.");
  const editorial = (await findEditorialVersion(ctx.db, campaign.policy_id, campaign.version_number)) ?? null;
  return reportOf(ctx, campaign, await listRoster(ctx.db), editorial);
}

async function reportOf(
  ctx: UseCaseContext,
  campaign: CampaignRow,
  roster: RosterPersonRow[],
  editorial: EditorialVersionRow | null,
): Promise<CampaignReport> {
  const now = ctx.now();
  const byId = new Map(roster.map((person) => [person.userId, person]));
  const assignments = await listAssignmentsOfCampaign(ctx.db, campaign.id);
  const acknowledgedAt = new Map<string, Date>();
  for (const assignment of assignments.filter((candidate) => candidate.status === "acknowledged")) {
    if (assignment.closed_at) acknowledgedAt.set(assignment.id, assignment.closed_at);
  }
  const people = assignments
    .map((assignment) => ({
      person: byId.get(assignment.user_id) ?? null,
      assignment,
      overdue: isOverdue({ status: assignment.status, dueDate: assignment.due_date }, now),
      acknowledgedAt: acknowledgedAt.get(assignment.id) ?? null,
    }))
    .sort(
      (a, b) =>
        (a.person?.unit ?? "").localeCompare(b.person?.unit ?? "") ||
        (a.person?.displayName ?? "").localeCompare(b.person?.displayName ?? ""),
    );
  const units = new Map<string, UnitCompletion>();
  for (const line of people) {
    if (line.assignment.status === "replaced") continue;
    const unit = line.person?.unit ?? "(not on the roster)";
    const entry = units.get(unit) ?? { unit, assigned: 0, acknowledged: 0, overdue: 0 };
    entry.assigned += 1;
    if (line.assignment.status === "acknowledged" || line.assignment.status === "covered") entry.acknowledged += 1;
    if (line.overdue) entry.overdue += 1;
    units.set(unit, entry);
  }
  return { campaign, units: [...units.values()].sort((a, b) => a.unit.localeCompare(b.unit)), people, editorial };
}

/** One person's history: every assignment, quiz attempt and acknowledgement, with the policy titles. */
export interface PersonHistory {
  person: RosterPersonRow;
  assignments: AssignmentRow[];
  attempts: QuizAttemptRow[];
  acknowledgements: AcknowledgementRow[];
  policyTitles: Map<string, string>;
}

export async function getPersonHistory(ctx: UseCaseContext, actor: CurrentUser, userId: string): Promise<PersonHistory> {
  authorizeAcknowledgementAdmin(actor, "acknowledgement.report");
  const person = await findRosterPerson(ctx.db, userId);
  if (!person) throw new AccordError("not_on_roster");
  const assignments = await listAssignmentsOfUser(ctx.db, userId);
  const attempts = await listQuizAttemptsOfUser(ctx.db, userId);
  const acknowledgements = await listAcknowledgementsOfUser(ctx.db, userId);
  const policyTitles = new Map<string, string>();
  for (const policyId of new Set([...assignments, ...acknowledgements].map((row) => row.policy_id))) {
    policyTitles.set(policyId, (await findPolicyById(ctx.db, policyId))?.title ?? "");
  }
  return { person, assignments, attempts, acknowledgements, policyTitles };
}

/** "Which version of policy P had officer X acknowledged on date D": the acknowledgement that stood, or null. */
export async function getAcknowledgementOn(
  ctx: UseCaseContext,
  actor: CurrentUser,
  input: { userId: string; policyId: string; date: string },
): Promise<{ acknowledgement: AcknowledgementRow | null; displayName: string; policyTitle: string }> {
  authorizeAcknowledgementAdmin(actor, "acknowledgement.report");
  dayStart(input.date);
  const account = await findAccountById(ctx.db, input.userId);
  if (!account) throw new AccordError("not_found", "No such person was found.");
  const policy = await findPolicyById(ctx.db, input.policyId);
  if (!policy) throw new AccordError("not_found", "No policy was found here.");
  const acknowledgements = await listAcknowledgementsOfUser(ctx.db, input.userId, input.policyId);
  return {
    acknowledgement: acknowledgementOn(
      acknowledgements.map((row) => ({ ...row, acknowledgedAt: row.acknowledged_at })),
      input.date,
    ),
    displayName: account.display_name,
    policyTitle: policy.title,
  };
}
