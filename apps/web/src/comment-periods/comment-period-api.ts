import type { AnswerOf, commentPeriodEndpoints } from "@accord/api-contract";
import { request } from "../api.js";

/**
 * The typed client for public comment periods (issue 17): open, extend, the moderation queue and the
 * working group's responses. The shapes are the API contract's, imported as types.
 */
const periodPath = (periodId: string) => `/comment-periods/${encodeURIComponent(periodId)}`;

type Endpoints = typeof commentPeriodEndpoints;

/** The comment periods API, one function per endpoint. */
export const commentPeriodApi = {
  list: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<Endpoints["list"]>>("GET", `/policies/${encodeURIComponent(policyId)}/comment-periods`, undefined, signal).then(
      (answer) => answer.commentPeriods,
    ),
  open: (
    policyId: string,
    input: {
      versionNumber: number;
      contentHash: string;
      opensAt: string;
      closesAt: string;
      allowed: ("anonymous" | "verified_email" | "signed_in")[];
      allowOrganisation: boolean;
    },
  ) =>
    request<AnswerOf<Endpoints["open"]>>("POST", `/policies/${encodeURIComponent(policyId)}/comment-periods`, input).then(
      (answer) => answer.commentPeriod,
    ),
  extend: (periodId: string, input: { closesAt: string; reason: string }) =>
    request<AnswerOf<Endpoints["extend"]>>("POST", `${periodPath(periodId)}/extensions`, input).then((answer) => answer.commentPeriod),
  comments: (periodId: string, signal?: AbortSignal) =>
    request<AnswerOf<Endpoints["comments"]>>("GET", `${periodPath(periodId)}/comments`, undefined, signal),
  moderate: (
    periodId: string,
    commentId: string,
    input: { action: "publish" } | { action: "hold" } | { action: "reject"; reason: string },
  ) =>
    request<AnswerOf<Endpoints["moderate"]>>("POST", `${periodPath(periodId)}/comments/${encodeURIComponent(commentId)}/moderation`, input),
  respond: (periodId: string, section: string, input: { response: string; answersCommentIds: string[] }) =>
    request<AnswerOf<Endpoints["respond"]>>("PUT", `${periodPath(periodId)}/responses/${encodeURIComponent(section)}`, input),
  noResponse: (periodId: string, commentId: string, input: { reason: string }) =>
    request<AnswerOf<Endpoints["noResponse"]>>(
      "POST",
      `${periodPath(periodId)}/comments/${encodeURIComponent(commentId)}/no-response`,
      input,
    ),
};
