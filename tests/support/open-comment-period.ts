import { rejectPendingSuggestions } from "./reject-pending-suggestions.js";
import type { TestAccord } from "./test-app.js";

/** A comment period opened on a freshly saved version of the demo Body-Worn Camera Policy. */
export interface OpenedCommentPeriod {
  policyId: string;
  periodId: string;
  versionNumber: number;
  /** The facilitator's session cookie. */
  facilitator: string;
}

/**
 * Saves a version of the demo policy (its pending suggestions rejected first, as an editor) and opens a
 * comment period on it as the facilitator, from `opensAt` to `closesAt`. Throws unless both work.
 */
export async function openDemoCommentPeriod(
  accord: TestAccord,
  window: { opensAt: Date; closesAt: Date; allowed?: ("anonymous" | "verified_email" | "signed_in")[] },
): Promise<OpenedCommentPeriod> {
  const facilitator = await accord.logIn("facilitator@accord.test");
  const officer = await accord.logIn("officer@accord.test");
  const policies = (await accord.request({ url: "/api/policies", cookie: facilitator })).json().policies as { id: string; slug: string }[];
  const policyId = policies.find((policy) => policy.slug === "body-worn-cameras")!.id;
  await rejectPendingSuggestions(accord, policyId, officer);
  const saved = await accord.request({
    method: "POST",
    url: `/api/policies/${policyId}/versions`,
    cookie: officer,
    payload: { label: "For comment" },
  });
  if (saved.statusCode !== 201) throw new Error(`Could not save a version: ${saved.statusCode} ${saved.body}`);
  const version = saved.json().version as { number: number; contentHash: string };
  const opened = await accord.request({
    method: "POST",
    url: `/api/policies/${policyId}/comment-periods`,
    cookie: facilitator,
    payload: {
      versionNumber: version.number,
      contentHash: version.contentHash,
      opensAt: window.opensAt.toISOString(),
      closesAt: window.closesAt.toISOString(),
      allowed: window.allowed ?? ["anonymous"],
      allowOrganisation: false,
    },
  });
  if (opened.statusCode !== 201) throw new Error(`Could not open a comment period: ${opened.statusCode} ${opened.body}`);
  return { policyId, periodId: opened.json().commentPeriod.id as string, versionNumber: version.number, facilitator };
}
