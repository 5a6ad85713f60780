import type { acknowledgementEndpoints, AnswerOf, BodyOf, rosterEndpoints } from "@accord/api-contract";
import { request } from "../api.js";

/**
 * The typed client for officers' acknowledgements (/api/acknowledgements…, campaigns, reports) and the
 * department's roster (/api/roster…). The shapes are the API contract's, imported as types.
 */
const assignmentPath = (assignmentId: string) => `/acknowledgements/${encodeURIComponent(assignmentId)}`;
const personPath = (userId: string) => `/acknowledgement-people/${encodeURIComponent(userId)}`;
/** "/policies/:id/acknowledgement": the counts and the editorial marks hang off it ("-counts", "-editorial"). */
const policySettingsPath = (policyId: string) => `/policies/${encodeURIComponent(policyId)}/acknowledgement`;

export const acknowledgementsApi = {
  mine: (signal?: AbortSignal) =>
    request<AnswerOf<typeof acknowledgementEndpoints.mine>>("GET", "/acknowledgements", undefined, signal).then((r) => r.assignments),
  get: (assignmentId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof acknowledgementEndpoints.get>>("GET", assignmentPath(assignmentId), undefined, signal),
  attemptQuiz: (assignmentId: string, answers: number[]) =>
    request<AnswerOf<typeof acknowledgementEndpoints.attemptQuiz>>("POST", `${assignmentPath(assignmentId)}/quiz-attempts`, {
      answers,
    }).then((r) => r.attempt),
  acknowledge: (assignmentId: string, input: BodyOf<typeof acknowledgementEndpoints.acknowledge>) =>
    request<AnswerOf<typeof acknowledgementEndpoints.acknowledge>>("POST", `${assignmentPath(assignmentId)}/acknowledge`, input).then(
      (r) => r.acknowledgement,
    ),
  campaigns: (signal?: AbortSignal) =>
    request<AnswerOf<typeof acknowledgementEndpoints.campaigns>>("GET", "/acknowledgement-campaigns", undefined, signal).then(
      (r) => r.campaigns,
    ),
  createCampaign: (input: BodyOf<typeof acknowledgementEndpoints.createCampaign>) =>
    request<AnswerOf<typeof acknowledgementEndpoints.createCampaign>>("POST", "/acknowledgement-campaigns", input).then((r) => r.campaign),
  report: (campaignId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof acknowledgementEndpoints.report>>(
      "GET",
      `/acknowledgement-campaigns/${encodeURIComponent(campaignId)}/report`,
      undefined,
      signal,
    ).then((r) => r.report),
  history: (userId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof acknowledgementEndpoints.history>>("GET", `${personPath(userId)}/history`, undefined, signal).then(
      (r) => r.history,
    ),
  acknowledgedOn: (userId: string, policyId: string, date: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof acknowledgementEndpoints.acknowledgedOn>>(
      "GET",
      `${personPath(userId)}/acknowledged-on?policyId=${encodeURIComponent(policyId)}&date=${encodeURIComponent(date)}`,
      undefined,
      signal,
    ),
  counts: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof acknowledgementEndpoints.counts>>("GET", `${policySettingsPath(policyId)}-counts`, undefined, signal),
  setPublicCounts: (policyId: string, shown: boolean) =>
    request<AnswerOf<typeof acknowledgementEndpoints.setPublicCounts>>("PUT", `${policySettingsPath(policyId)}-counts`, { public: shown }),
  markEditorial: (policyId: string, input: BodyOf<typeof acknowledgementEndpoints.markEditorial>) =>
    request<AnswerOf<typeof acknowledgementEndpoints.markEditorial>>("POST", `${policySettingsPath(policyId)}-editorial`, input),
  roster: (signal?: AbortSignal) =>
    request<AnswerOf<typeof rosterEndpoints.list>>("GET", "/roster", undefined, signal).then((r) => r.people),
  savePerson: (input: BodyOf<typeof rosterEndpoints.save>) =>
    request<AnswerOf<typeof rosterEndpoints.save>>("POST", "/roster/people", input).then((r) => r.person),
  previewImport: (csv: string) => request<AnswerOf<typeof rosterEndpoints.preview>>("POST", "/roster/import/preview", { csv }),
  import: (csv: string) => request<AnswerOf<typeof rosterEndpoints.import>>("POST", "/roster/import", { csv }),
  setPassword: (token: string, password: string) =>
    request<AnswerOf<typeof rosterEndpoints.setPassword>>("POST", "/auth/set-password", { token, password }),
};

/** The CSV of a campaign's report: a download the browser handles. */
export const reportCsvHref = (campaignId: string) => `/api/acknowledgement-campaigns/${encodeURIComponent(campaignId)}/report.csv`;

/** The CSV of one person's acknowledgements: a download the browser handles. */
export const historyCsvHref = (userId: string) => `/api/acknowledgement-people/${encodeURIComponent(userId)}/history.csv`;
