import { compareSearch, type CompareSide } from "./versions/compare-query.js";

/**
 * The app's URLs. The server mounts the app under /app and answers index.html for every /app path that
 * is not a built asset, so each of these can be loaded directly or reloaded.
 */
export const appBase = "/app";

/** Links the client router handles; anything else (the public site, /api) is a full page load. */
export const appScope = /^\/app(?:[/?#]|$)/;

export const paths = {
  policies: `${appBase}/`,
  login: `${appBase}/login`,
  account: `${appBase}/account`,
  people: `${appBase}/people`,
  bodies: `${appBase}/bodies`,
  newPolicy: `${appBase}/policies/new`,
  policy: (policyId: string) => `${appBase}/policies/${encodeURIComponent(policyId)}`,
  members: (policyId: string) => `${appBase}/policies/${encodeURIComponent(policyId)}/members`,
  version: (policyId: string, versionNumber: number) => `${appBase}/policies/${encodeURIComponent(policyId)}/versions/${versionNumber}`,
  /** The compare page; without sides it compares the newest version with the current draft. */
  compare: (policyId: string, from?: CompareSide, to?: CompareSide) =>
    `${appBase}/policies/${encodeURIComponent(policyId)}/compare${from !== undefined && to !== undefined ? compareSearch(from, to) : ""}`,
  /** The decision screen: a representative reads the proposed text and its redline, then records the decision. */
  decision: (policyId: string, proposalId: string) =>
    `${appBase}/policies/${encodeURIComponent(policyId)}/proposals/${encodeURIComponent(proposalId)}/decide`,
  publicPolicy: (slug: string) => `/policies/${encodeURIComponent(slug)}`,
  /** The facilitator's and working group's page of a policy's public comment periods. */
  commentPeriod: (policyId: string) => `${appBase}/policies/${encodeURIComponent(policyId)}/public-comment`,
  /** The public page of a policy's comment period. */
  publicComments: (slug: string) => `/policies/${encodeURIComponent(slug)}/comments`,
  toAcknowledge: `${appBase}/acknowledgements`,
  acknowledgement: (assignmentId: string) => `${appBase}/acknowledgements/${encodeURIComponent(assignmentId)}`,
  roster: `${appBase}/roster`,
  acknowledgementReports: `${appBase}/acknowledgement-reports`,
  /** One officer's history: every assignment, quiz attempt and acknowledgement, and the "on date D" lookup. */
  personHistory: (userId: string) => `${appBase}/acknowledgement-people/${encodeURIComponent(userId)}`,
  setPassword: `${appBase}/set-password`,
};

/**
 * Whether the page at `pathname` is for people without a session (signing in, setting a first password
 * from the e-mailed link): there, a 401 from the server means "not signed in", as expected, and must not
 * send the person to the sign-in page.
 */
export function worksSignedOut(pathname: string): boolean {
  return [paths.login, paths.setPassword].some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

/** The sign-in page, set to come back to the page open now (what a lost session leads to). */
export function signInReturningHere(): string {
  return `${paths.login}?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/** Route patterns for the router, matching `paths` above. */
export const routes = {
  policies: appBase,
  login: `${appBase}/login`,
  account: `${appBase}/account`,
  people: `${appBase}/people`,
  bodies: `${appBase}/bodies`,
  newPolicy: `${appBase}/policies/new`,
  policy: `${appBase}/policies/:policyId`,
  members: `${appBase}/policies/:policyId/members`,
  version: `${appBase}/policies/:policyId/versions/:versionNumber`,
  compare: `${appBase}/policies/:policyId/compare`,
  decision: `${appBase}/policies/:policyId/proposals/:proposalId/decide`,
  commentPeriod: `${appBase}/policies/:policyId/public-comment`,
  toAcknowledge: `${appBase}/acknowledgements`,
  acknowledgement: `${appBase}/acknowledgements/:assignmentId`,
  roster: `${appBase}/roster`,
  acknowledgementReports: `${appBase}/acknowledgement-reports`,
  personHistory: `${appBase}/acknowledgement-people/:userId`,
  setPassword: `${appBase}/set-password`,
} as const;

/** The export formats of a version, in the order offered, with the names people know them by. */
export const exportFormats = [
  ["html", "HTML"],
  ["md", "Markdown"],
  ["pdf", "PDF"],
  ["docx", "Word"],
] as const;

/** A version export format ("html", "md", "pdf", "docx"). */
export type ExportFormat = (typeof exportFormats)[number][0];

/**
 * Files the server makes (downloads and printable pages). They live under /api, outside the app's
 * scope, so the router leaves these links to the browser: a download, or a page in a new tab.
 */
export const files = {
  versionExport: (policyId: string, versionNumber: number, format: ExportFormat) =>
    `/api/policies/${encodeURIComponent(policyId)}/versions/${versionNumber}/export/${format}`,
  printableRedline: (policyId: string, from: CompareSide, to: CompareSide) =>
    `/api/policies/${encodeURIComponent(policyId)}/redline.html${compareSearch(from, to)}`,
};

/**
 * Where to go after signing in: the `next` path when it is a page of this app, else the policy list.
 * Only same-app paths are accepted, so a crafted link cannot send someone elsewhere after sign-in.
 */
export function afterSignIn(next: string | undefined): string {
  if (next && appScope.test(next) && !next.startsWith("//") && !next.startsWith(paths.login)) return next;
  return paths.policies;
}
