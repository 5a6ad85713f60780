import type {
  Acknowledgement,
  AcknowledgementCounts,
  AssignmentDetail,
  AssignmentSummary,
  Campaign,
  CampaignReport,
  EditorialMark,
  PersonHistory,
  QuizAttempt,
} from "@accord/api-contract";
import { isOverdue, type CampaignAudience } from "@accord/domain";
import { renderRedlineHtml } from "@accord/policy-diff";
import { renderPolicyHtml } from "@accord/policy-render";
import type { AcknowledgementRow, AssignmentRow, QuizAttemptRow } from "../storage/acknowledgements.js";
import type { EditorialVersionRow } from "../storage/acknowledgement-settings.js";
import type {
  CampaignReport as CampaignReportView,
  PersonHistory as PersonHistoryView,
} from "../use-cases/acknowledgements/campaign-report.js";
import type { AssignmentView } from "../use-cases/acknowledgements/get-assignment.js";
import { asContract } from "./readonly-values.js";
import { formatCsv } from "./csv.js";
import { presentRosterPerson } from "./roster.js";

const iso = (value: Date | string) => new Date(value).toISOString();

/** One assignment, with its policy's title and whether it is overdue. */
export function presentAssignment(assignment: AssignmentRow, policyTitle: string, overdue: boolean): AssignmentSummary {
  return {
    id: assignment.id,
    campaignId: assignment.campaign_id,
    userId: assignment.user_id,
    policyId: assignment.policy_id,
    policyTitle,
    versionNumber: assignment.version_number,
    contentHash: assignment.content_hash,
    dueDate: assignment.due_date,
    status: assignment.status,
    overdue,
    assignedAt: iso(assignment.assigned_at),
    closedAt: assignment.closed_at ? iso(assignment.closed_at) : null,
  };
}

export function presentQuizAttempt(row: QuizAttemptRow): QuizAttempt {
  return {
    id: row.id,
    answers: [...row.answers],
    correct: row.correct,
    total: row.total,
    passed: row.passed,
    attemptedAt: iso(row.attempted_at),
  };
}

export function presentAcknowledgement(row: AcknowledgementRow): Acknowledgement {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    userId: row.user_id,
    policyId: row.policy_id,
    versionNumber: row.version_number,
    contentHash: row.content_hash,
    statement: row.statement,
    acknowledgedAt: iso(row.acknowledged_at),
  };
}

/** The acknowledgement screen: the exact text rendered, the redline from the version acknowledged before, the quiz without its answers. */
export function presentAssignmentDetail(view: AssignmentView): AssignmentDetail {
  return {
    assignment: presentAssignment(view.assignment, view.policyTitle, view.overdue),
    content: asContract<AssignmentDetail["content"]>(view.content),
    html: renderPolicyHtml(view.content),
    statement: view.statement,
    previous: view.previous && {
      versionNumber: view.previous.versionNumber,
      acknowledgedAt: iso(view.previous.acknowledgedAt),
      redlineHtml: renderRedlineHtml(view.previous.redline),
      changeCount: view.previous.redline.summary.length,
    },
    quiz: view.quiz && {
      questions: view.quiz.questions.map((question) => ({ prompt: question.prompt, choices: [...question.choices] })),
      passMarkPercent: view.quiz.passMarkPercent,
    },
    attempts: view.attempts.map(presentQuizAttempt),
    acknowledgement: view.acknowledgement && presentAcknowledgement(view.acknowledgement),
    editorial: view.editorial && { reason: view.editorial.reason, markedAt: iso(view.editorial.marked_at) },
  };
}

/** A version's mark "editorial, no new acknowledgement". */
export function presentEditorialMark(row: EditorialVersionRow): EditorialMark {
  return { versionNumber: row.version_number, reason: row.reason, markedAt: iso(row.marked_at) };
}

/** A policy's counts per version, whether they are public, and its editorial marks. */
export function presentAcknowledgementCounts(counts: {
  public: boolean;
  versions: readonly { versionNumber: number; assigned: number; acknowledged: number }[];
  editorial: readonly EditorialVersionRow[];
}): AcknowledgementCounts {
  return {
    public: counts.public,
    versions: counts.versions.map((entry) => ({ ...entry })),
    editorial: counts.editorial.map(presentEditorialMark),
  };
}

/** Who a campaign asks, in words. */
export function describeAudience(audience: CampaignAudience): string {
  if (audience.kind === "everyone") return "Everyone on the roster";
  if (audience.kind === "units") return `Units: ${audience.units.join(", ")}`;
  return `A list of ${audience.userIds.length} ${audience.userIds.length === 1 ? "person" : "people"}`;
}

/** A campaign with its counts (from its report). */
export function presentCampaign(report: CampaignReportView): Campaign {
  const { campaign, units } = report;
  return {
    id: campaign.id,
    policyId: campaign.policy_id,
    policyTitle: campaign.title,
    versionNumber: campaign.version_number,
    contentHash: campaign.content_hash,
    dueDate: campaign.due_date,
    audience: describeAudience(campaign.audience),
    hasQuiz: campaign.quiz !== null,
    status: campaign.status,
    replacedBy: campaign.replaced_by,
    createdAt: iso(campaign.created_at),
    assigned: units.reduce((sum, unit) => sum + unit.assigned, 0),
    acknowledged: units.reduce((sum, unit) => sum + unit.acknowledged, 0),
    overdue: units.reduce((sum, unit) => sum + unit.overdue, 0),
    editorial: report.editorial && presentEditorialMark(report.editorial),
  };
}

export function presentCampaignReport(report: CampaignReportView): CampaignReport {
  return {
    campaign: presentCampaign(report),
    units: report.units.map((unit) => ({ ...unit })),
    people: report.people.map((line) => ({
      userId: line.assignment.user_id,
      displayName: line.person?.displayName ?? "",
      email: line.person?.email ?? "",
      unit: line.person?.unit ?? "",
      supervisorName: line.person?.supervisorName ?? null,
      status: line.assignment.status,
      overdue: line.overdue,
      dueDate: line.assignment.due_date,
      acknowledgedAt: line.acknowledgedAt ? iso(line.acknowledgedAt) : null,
    })),
  };
}

/** A campaign's report as CSV: one line per person, then nothing else (the per-unit totals are in the JSON). */
export function campaignReportCsv(report: CampaignReportView): string {
  const presented = presentCampaignReport(report);
  return formatCsv(
    ["policy", "version", "content_hash", "unit", "name", "email", "supervisor", "status", "overdue", "due_date", "acknowledged_at"],
    presented.people.map((line) => [
      presented.campaign.policyTitle,
      presented.campaign.versionNumber,
      presented.campaign.contentHash,
      line.unit,
      line.displayName,
      line.email,
      line.supervisorName,
      line.status,
      line.overdue ? "yes" : "no",
      line.dueDate,
      line.acknowledgedAt,
    ]),
  );
}

/** A person's history; `now` judges which open assignments are overdue. */
export function presentPersonHistory(history: PersonHistoryView, now: Date): PersonHistory {
  const title = (policyId: string) => history.policyTitles.get(policyId) ?? "";
  const assignmentsById = new Map(history.assignments.map((row) => [row.id, row]));
  return {
    person: presentRosterPerson(history.person),
    assignments: history.assignments.map((row) =>
      presentAssignment(row, title(row.policy_id), isOverdue({ status: row.status, dueDate: row.due_date }, now)),
    ),
    attempts: history.attempts.map((row) => {
      const assignment = assignmentsById.get(row.assignment_id);
      return {
        ...presentQuizAttempt(row),
        assignmentId: row.assignment_id,
        policyTitle: assignment ? title(assignment.policy_id) : "",
        versionNumber: assignment?.version_number ?? 0,
        contentHash: assignment?.content_hash ?? "",
      };
    }),
    acknowledgements: history.acknowledgements.map((row) => ({ ...presentAcknowledgement(row), policyTitle: title(row.policy_id) })),
  };
}

/** A person's acknowledgements as CSV. */
export function personHistoryCsv(history: PersonHistory): string {
  return formatCsv(
    ["name", "email", "unit", "policy", "version", "content_hash", "acknowledged_at"],
    history.acknowledgements.map((row) => [
      history.person.displayName,
      history.person.email,
      history.person.unit,
      row.policyTitle,
      row.versionNumber,
      row.contentHash,
      row.acknowledgedAt,
    ]),
  );
}
