import type { BodyOf, policyEndpoints, AnswerOf } from "@accord/api-contract";
import { request } from "../api.js";

/** The new-policy flow's two calls: the templates to offer, and the one request that creates everything. */
export const newPolicyApi = {
  listTemplates: (signal?: AbortSignal) =>
    request<AnswerOf<typeof policyEndpoints.templates>>("GET", "/policy-templates", undefined, signal).then((r) => r.templates),
  createPolicy: (input: BodyOf<typeof policyEndpoints.create>) =>
    request<AnswerOf<typeof policyEndpoints.create>>("POST", "/policies", input).then((r) => r.policy),
};
