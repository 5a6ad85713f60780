import type { AnswerOf, NotificationList, ProposalActionInput, proposalEndpoints, ProposeInput } from "@accord/api-contract";
import { ApiError, request } from "./api.js";

/**
 * The typed client for the sign-off workflow's part of the API: proposals, actions on them, "waiting
 * for me" and notifications. The shapes are the API contract's (`@accord/api-contract`: ProposalView,
 * PublicationSummary, AccordNotification, …), imported as types.
 */

const policyPath = (policyId: string) => `/policies/${encodeURIComponent(policyId)}`;
const proposalPath = (proposalId: string) => `/proposals/${encodeURIComponent(proposalId)}`;

/** True for a 404: the notifications routes may not exist on an older server. */
function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** The workflow API, one function per endpoint. */
export const workflowApi = {
  listProposals: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof proposalEndpoints.listForPolicy>>("GET", `${policyPath(policyId)}/proposals`, undefined, signal),
  /** Proposes a saved version for sign-off; supersedes any open proposal. Facilitator only. */
  propose: (policyId: string, input: ProposeInput) =>
    request<AnswerOf<typeof proposalEndpoints.propose>>("POST", `${policyPath(policyId)}/proposals`, input).then((r) => r.proposal),
  getProposal: (proposalId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof proposalEndpoints.get>>("GET", proposalPath(proposalId), undefined, signal).then((r) => r.proposal),
  /** One action on a proposal; a refusal keeps the server's message (wrong_stage, already_decided, …). */
  act: (proposalId: string, action: ProposalActionInput) =>
    request<AnswerOf<typeof proposalEndpoints.act>>("POST", `${proposalPath(proposalId)}/actions`, action).then((r) => r.proposal),
  /** The same action, with what it did besides itself (an objection replacing my sign-off, a next stage). */
  actWithEffects: (proposalId: string, action: ProposalActionInput) =>
    request<AnswerOf<typeof proposalEndpoints.act>>("POST", `${proposalPath(proposalId)}/actions`, action).then((r) => ({
      proposal: r.proposal,
      effects: r.effects ?? [],
    })),
  waitingForMe: (signal?: AbortSignal) =>
    request<AnswerOf<typeof proposalEndpoints.waiting>>("GET", "/waiting", undefined, signal).then((r) => r.items),

  /** My notifications, or null when this server has no notifications yet (404), so the bell hides. */
  listNotifications: async (signal?: AbortSignal): Promise<NotificationList | null> => {
    try {
      return await request<NotificationList>("GET", "/notifications", undefined, signal);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  markNotificationRead: (notificationId: string) => request<void>("POST", `/notifications/${encodeURIComponent(notificationId)}/read`),
  markAllNotificationsRead: () => request<void>("POST", "/notifications/read-all"),
};
