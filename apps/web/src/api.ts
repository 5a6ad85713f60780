import type { Affiliation, FieldProblem, PolicyRole, PolicyStatus, SignOffRule } from "@accord/domain";

/**
 * The typed client for Accord's JSON API (/api). Every page goes through it, so errors, sign-in
 * redirects and request headers are handled in one place.
 */

/** An account as the API returns it. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  isFacilitator: boolean;
  disabled: boolean;
  createdAt: string;
}

/** The signed-in person, as GET /api/auth/me returns them. */
export type SignedInAccount = Pick<Account, "id" | "email" | "displayName" | "isFacilitator">;

/** A policy as listed. */
export interface Policy {
  id: string;
  slug: string;
  title: string;
  summary: string;
  status: PolicyStatus;
  signOffRule: SignOffRule;
  createdAt: string;
  updatedAt: string;
}

/** A person who speaks for an approving body. */
export interface Representative {
  userId: string;
  displayName: string;
  /** Only the facilitator is sent representatives' e-mail addresses. */
  email?: string;
}

/** An approving body (Board of Police Commissioners, Police Union, …). */
export interface ApprovingBody {
  id: string;
  name: string;
  description: string;
  representatives: Representative[];
}

/** One policy with what the signed-in person may do on it. */
export interface PolicyDetail extends Policy {
  requiredBodies: ApprovingBody[];
  myRole: PolicyRole | null;
  myAffiliation: Affiliation | null;
  /** Policy actions from the permission table that the signed-in person holds ("policy.update", …). */
  myPermissions: string[];
}

/** A working-group member of one policy. */
export interface Member {
  userId: string;
  displayName: string;
  email: string;
  role: PolicyRole;
  affiliation: Affiliation;
  addedAt: string;
}

/** ProseMirror document JSON, as stored for a draft. */
export type ProseMirrorJson = { [key: string]: unknown };

/** One saved version of a policy as the timeline lists it. */
export interface VersionSummary {
  number: number;
  label: string;
  note: string;
  /** Null when the author's account is no longer known to the server. */
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
  /** SHA-256 (hex) of the version's canonical JSON; approvals bind to it. */
  contentHash: string;
  wordCount: number;
  /** Words inserted and deleted since the previous version (the first version counts all its words). */
  wordsAdded: number;
  wordsRemoved: number;
}

/** What a restore did: the version restored, and the version that keeps the draft as it was (null when one already did). */
export interface RestoreResult {
  restored: number;
  savedVersion: VersionSummary | null;
}

/** One version with its content and the server's escaped HTML rendering of it. */
export interface VersionDetail extends VersionSummary {
  content: ProseMirrorJson;
  /** An escaped HTML fragment from Accord's own renderer: safe to insert as HTML. */
  html: string;
}

/** One side of a comparison: a version number or the live draft. */
export type CompareSide = number | "draft";

/** A redline between two sides, as GET /api/policies/:id/redline returns it. */
export interface RedlineResult {
  /** People's labels of the two sides ("version 1 (Before my change)", "the current draft"). */
  from: string;
  to: string;
  summaryText: string;
  redline: { [key: string]: unknown };
  /** An escaped HTML fragment with <ins>/<del>, the summary list and labelled moved blocks. */
  html: string;
}

/** A refused or failed request: the server's catalogue code and message, or a client-side one. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldProblem[];
  /** Seconds to wait before retrying, from the Retry-After header (too_many_attempts). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, message: string, status: number, fields: FieldProblem[] = [], retryAfterSeconds?: number) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

type UnauthenticatedHandler = () => void;

/** By default a lost session reloads into the sign-in page; the app replaces this with client routing. */
let unauthenticatedHandler: UnauthenticatedHandler = () => {
  if (!location.pathname.startsWith("/app/login")) {
    location.assign(`/app/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
};

/** Sets what happens when the server says the session is missing or expired (401 unauthenticated). */
export function onUnauthenticated(handler: UnauthenticatedHandler): void {
  unauthenticatedHandler = handler;
}

/**
 * Reports a session that ended outside an API request (the collaboration socket closed with 4401), so it
 * is handled exactly like a 401 answer: sign in, then come back.
 */
export function reportUnauthenticated(): void {
  unauthenticatedHandler();
}

/** Bytes from standard base64, as the API encodes binary values (Yjs state vectors). */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** An HTTP method the API uses. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Sends one request; exported for the other API modules (workflow-api.ts), so every call shares this
 * handling of errors and lost sessions. A JSON body goes only with a content-type header, because the server refuses an
 * empty body declared as JSON; DELETE and body-less POST/PUT send neither.
 */
export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  const init: RequestInit = { method, credentials: "same-origin", headers };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  if (signal) init.signal = signal;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError("network_error", "Accord could not be reached. Check your connection and try again.", 0);
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    if (payload === undefined) throw new ApiError("bad_response", "Accord sent an answer this page cannot read.", response.status);
    return payload as T;
  }
  const error = toApiError(response, payload);
  // invalid_credentials is also a 401, but it is an answer to the sign-in form, not a lost session.
  if (response.status === 401 && error.code !== "invalid_credentials") unauthenticatedHandler();
  throw error;
}

function toApiError(response: Response, payload: unknown): ApiError {
  const retryAfter = Number(response.headers.get("retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const error = (payload as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    const fields = Array.isArray(error.fields) ? (error.fields as FieldProblem[]) : [];
    return new ApiError(error.code, error.message, response.status, fields, retryAfterSeconds);
  }
  return new ApiError(
    "unexpected_response",
    `Accord answered with an unexpected error (HTTP ${response.status}). Nothing may have changed; try again.`,
    response.status,
    [],
    retryAfterSeconds,
  );
}

/** The API, one function per endpoint. */
export const api = {
  login: (email: string, password: string) =>
    request<{ account: Account }>("POST", "/auth/login", { email, password }).then((r) => r.account),
  logout: () => request<void>("POST", "/auth/logout"),
  me: (signal?: AbortSignal) =>
    request<{ account: SignedInAccount }>("GET", "/auth/me", undefined, signal).then((r) => r.account),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ endedSessions: number }>("POST", "/auth/password", { currentPassword, newPassword }),

  listAccounts: (signal?: AbortSignal) =>
    request<{ accounts: Account[] }>("GET", "/accounts", undefined, signal).then((r) => r.accounts),
  createAccount: (input: { email: string; displayName: string; password: string; isFacilitator: boolean }) =>
    request<{ account: Account }>("POST", "/accounts", input).then((r) => r.account),
  updateAccount: (
    accountId: string,
    changes: { displayName?: string; isFacilitator?: boolean; disabled?: boolean; password?: string },
  ) => request<{ account: Account }>("PATCH", `/accounts/${encodeURIComponent(accountId)}`, changes).then((r) => r.account),

  listPolicies: (signal?: AbortSignal) =>
    request<{ policies: Policy[] }>("GET", "/policies", undefined, signal).then((r) => r.policies),
  createPolicy: (input: { title: string; slug?: string; summary?: string }) =>
    request<{ policy: Policy }>("POST", "/policies", input).then((r) => r.policy),
  getPolicy: (policyId: string, signal?: AbortSignal) =>
    request<{ policy: PolicyDetail }>("GET", `/policies/${encodeURIComponent(policyId)}`, undefined, signal).then(
      (r) => r.policy,
    ),
  updatePolicy: (policyId: string, changes: { title?: string; slug?: string; summary?: string; signOffRule?: SignOffRule }) =>
    request<{ policy: Policy }>("PATCH", `/policies/${encodeURIComponent(policyId)}`, changes).then((r) => r.policy),
  setRequiredBodies: (policyId: string, bodyIds: string[]) =>
    request<{ requiredBodies: ApprovingBody[] }>("PUT", `/policies/${encodeURIComponent(policyId)}/required-bodies`, {
      bodyIds,
    }).then((r) => r.requiredBodies),

  listMembers: (policyId: string, signal?: AbortSignal) =>
    request<{ members: Member[] }>("GET", `/policies/${encodeURIComponent(policyId)}/members`, undefined, signal).then(
      (r) => r.members,
    ),
  putMember: (policyId: string, userId: string, membership: { role: PolicyRole; affiliation: Affiliation }) =>
    request<{ member: Member }>(
      "PUT",
      `/policies/${encodeURIComponent(policyId)}/members/${encodeURIComponent(userId)}`,
      membership,
    ).then((r) => r.member),
  removeMember: (policyId: string, userId: string) =>
    request<void>("DELETE", `/policies/${encodeURIComponent(policyId)}/members/${encodeURIComponent(userId)}`),

  listBodies: (signal?: AbortSignal) =>
    request<{ bodies: ApprovingBody[] }>("GET", "/bodies", undefined, signal).then((r) => r.bodies),
  createBody: (input: { name: string; description?: string }) =>
    request<{ body: ApprovingBody }>("POST", "/bodies", input).then((r) => r.body),
  updateBody: (bodyId: string, changes: { name?: string; description?: string }) =>
    request<{ body: ApprovingBody }>("PATCH", `/bodies/${encodeURIComponent(bodyId)}`, changes).then((r) => r.body),
  addRepresentative: (bodyId: string, userId: string) =>
    request<{ body: ApprovingBody }>(
      "PUT",
      `/bodies/${encodeURIComponent(bodyId)}/representatives/${encodeURIComponent(userId)}`,
    ).then((r) => r.body),
  removeRepresentative: (bodyId: string, userId: string) =>
    request<{ body: ApprovingBody }>(
      "DELETE",
      `/bodies/${encodeURIComponent(bodyId)}/representatives/${encodeURIComponent(userId)}`,
    ).then((r) => r.body),

  /** The draft's content, or null while the policy has no readable draft yet (404). */
  getDraft: async (policyId: string, signal?: AbortSignal): Promise<ProseMirrorJson | null> => {
    try {
      const result = await request<{ draft?: { content?: unknown } }>(
        "GET",
        `/policies/${encodeURIComponent(policyId)}/draft`,
        undefined,
        signal,
      );
      const content = result.draft?.content;
      return content && typeof content === "object" ? (content as ProseMirrorJson) : null;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  listVersions: (policyId: string, signal?: AbortSignal) =>
    request<{ versions: VersionSummary[] }>("GET", `/policies/${encodeURIComponent(policyId)}/versions`, undefined, signal).then(
      (r) => r.versions,
    ),
  /** Saves the committed draft as the next version; 409 version_unchanged when it equals the latest. */
  saveVersion: (policyId: string, input: { label: string; note?: string }) =>
    request<{ version: VersionSummary }>("POST", `/policies/${encodeURIComponent(policyId)}/versions`, input).then(
      (r) => r.version,
    ),
  getVersion: (policyId: string, versionNumber: number, signal?: AbortSignal) =>
    request<{ version: VersionDetail }>(
      "GET",
      `/policies/${encodeURIComponent(policyId)}/versions/${versionNumber}`,
      undefined,
      signal,
    ).then((r) => r.version),
  /**
   * Makes the live draft equal to a version (one change that open editors receive); 409 draft_unchanged.
   * A draft no version holds is first saved as a version: `savedVersion`, else null.
   */
  restoreVersion: (policyId: string, versionNumber: number) =>
    request<RestoreResult>("POST", `/policies/${encodeURIComponent(policyId)}/versions/${versionNumber}/restore`),
  /** The content hash the committed draft would have as a version: a version with it holds the draft's text. */
  draftContentHash: (policyId: string, signal?: AbortSignal) =>
    request<{ draft: { contentHash: string } }>("GET", `/policies/${encodeURIComponent(policyId)}/draft`, undefined, signal).then(
      (r) => r.draft.contentHash,
    ),
  getRedline: (policyId: string, from: CompareSide, to: CompareSide, signal?: AbortSignal) =>
    request<RedlineResult>(
      "GET",
      `/policies/${encodeURIComponent(policyId)}/redline?${new URLSearchParams({ from: String(from), to: String(to) })}`,
      undefined,
      signal,
    ),

  /**
   * What the server has committed of the draft: its Yjs state vector, and its delete set as a Yjs update
   * with no content. The editor compares them with its own to tell "Saved" from "Saving…".
   */
  getDraftProgress: (policyId: string, signal?: AbortSignal) =>
    request<{ stateVector: string; deleteSet: string }>(
      "GET",
      `/policies/${encodeURIComponent(policyId)}/draft/state-vector`,
      undefined,
      signal,
    ).then((r) => {
      if (typeof r.stateVector !== "string" || typeof r.deleteSet !== "string") {
        throw new ApiError("bad_response", "Accord sent an answer this page cannot read.", 200);
      }
      return { stateVector: decodeBase64(r.stateVector), deleteSet: decodeBase64(r.deleteSet) };
    }),
};
