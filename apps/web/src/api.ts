import type {
  accountEndpoints,
  AnswerOf,
  authEndpoints,
  bodyEndpoints,
  BodyOf,
  draftEndpoints,
  memberEndpoints,
  policyEndpoints,
  ProseMirrorJson,
  versionEndpoints,
} from "@accord/api-contract";
import type { FieldProblem } from "@accord/domain";
import { signInReturningHere, worksSignedOut } from "./paths.js";
import type { CompareSide } from "./versions/compare-query.js";

/**
 * The typed client for Accord's JSON API (/api). Every page goes through it, so errors, sign-in
 * redirects and request headers are handled in one place. What each endpoint takes and answers is the
 * API contract's (`@accord/api-contract`), imported as types only: no schema code reaches the browser.
 */

export type { CompareSide };

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
  if (!worksSignedOut(location.pathname)) location.assign(signInReturningHere());
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

const policyPath = (policyId: string) => `/policies/${encodeURIComponent(policyId)}`;

/** The API, one function per endpoint. */
export const api = {
  login: (email: string, password: string) =>
    request<AnswerOf<typeof authEndpoints.login>>("POST", "/auth/login", { email, password } satisfies BodyOf<
      typeof authEndpoints.login
    >).then((r) => r.account),
  logout: () => request<void>("POST", "/auth/logout"),
  me: (signal?: AbortSignal) => request<AnswerOf<typeof authEndpoints.me>>("GET", "/auth/me", undefined, signal).then((r) => r.account),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<AnswerOf<typeof authEndpoints.changePassword>>("POST", "/auth/password", {
      currentPassword,
      newPassword,
    } satisfies BodyOf<typeof authEndpoints.changePassword>),

  listAccounts: (signal?: AbortSignal) =>
    request<AnswerOf<typeof accountEndpoints.list>>("GET", "/accounts", undefined, signal).then((r) => r.accounts),
  createAccount: (input: BodyOf<typeof accountEndpoints.create>) =>
    request<AnswerOf<typeof accountEndpoints.create>>("POST", "/accounts", input).then((r) => r.account),
  updateAccount: (accountId: string, changes: BodyOf<typeof accountEndpoints.update>) =>
    request<AnswerOf<typeof accountEndpoints.update>>("PATCH", `/accounts/${encodeURIComponent(accountId)}`, changes).then(
      (r) => r.account,
    ),

  listPolicies: (signal?: AbortSignal) =>
    request<AnswerOf<typeof policyEndpoints.list>>("GET", "/policies", undefined, signal).then((r) => r.policies),
  createPolicy: (input: BodyOf<typeof policyEndpoints.create>) =>
    request<AnswerOf<typeof policyEndpoints.create>>("POST", "/policies", input).then((r) => r.policy),
  getPolicy: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof policyEndpoints.get>>("GET", policyPath(policyId), undefined, signal).then((r) => r.policy),
  updatePolicy: (policyId: string, changes: BodyOf<typeof policyEndpoints.update>) =>
    request<AnswerOf<typeof policyEndpoints.update>>("PATCH", policyPath(policyId), changes).then((r) => r.policy),
  setRequiredBodies: (policyId: string, bodyIds: string[]) =>
    request<AnswerOf<typeof policyEndpoints.setRequiredBodies>>("PUT", `${policyPath(policyId)}/required-bodies`, {
      bodyIds,
    } satisfies BodyOf<typeof policyEndpoints.setRequiredBodies>).then((r) => r.requiredBodies),

  listMembers: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof memberEndpoints.list>>("GET", `${policyPath(policyId)}/members`, undefined, signal).then((r) => r.members),
  putMember: (policyId: string, userId: string, membership: BodyOf<typeof memberEndpoints.put>) =>
    request<AnswerOf<typeof memberEndpoints.put>>("PUT", `${policyPath(policyId)}/members/${encodeURIComponent(userId)}`, membership).then(
      (r) => r.member,
    ),
  removeMember: (policyId: string, userId: string) =>
    request<void>("DELETE", `${policyPath(policyId)}/members/${encodeURIComponent(userId)}`),

  listBodies: (signal?: AbortSignal) =>
    request<AnswerOf<typeof bodyEndpoints.list>>("GET", "/bodies", undefined, signal).then((r) => r.bodies),
  createBody: (input: BodyOf<typeof bodyEndpoints.create>) =>
    request<AnswerOf<typeof bodyEndpoints.create>>("POST", "/bodies", input).then((r) => r.body),
  updateBody: (bodyId: string, changes: BodyOf<typeof bodyEndpoints.update>) =>
    request<AnswerOf<typeof bodyEndpoints.update>>("PATCH", `/bodies/${encodeURIComponent(bodyId)}`, changes).then((r) => r.body),
  addRepresentative: (bodyId: string, userId: string) =>
    request<AnswerOf<typeof bodyEndpoints.addRepresentative>>(
      "PUT",
      `/bodies/${encodeURIComponent(bodyId)}/representatives/${encodeURIComponent(userId)}`,
    ).then((r) => r.body),
  removeRepresentative: (bodyId: string, userId: string) =>
    request<AnswerOf<typeof bodyEndpoints.removeRepresentative>>(
      "DELETE",
      `/bodies/${encodeURIComponent(bodyId)}/representatives/${encodeURIComponent(userId)}`,
    ).then((r) => r.body),

  /** The draft's content, or null while the policy has no readable draft yet (404). */
  getDraft: async (policyId: string, signal?: AbortSignal): Promise<ProseMirrorJson | null> => {
    try {
      // Read defensively: a page may meet an older server while a new one rolls out.
      const result = await request<Partial<AnswerOf<typeof draftEndpoints.get>>>("GET", `${policyPath(policyId)}/draft`, undefined, signal);
      const content: unknown = result.draft?.content;
      return content && typeof content === "object" ? (content as ProseMirrorJson) : null;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  listVersions: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof versionEndpoints.list>>("GET", `${policyPath(policyId)}/versions`, undefined, signal).then((r) => r.versions),
  /** Saves the committed draft as the next version; 409 version_unchanged when it equals the latest. */
  saveVersion: (policyId: string, input: BodyOf<typeof versionEndpoints.save>) =>
    request<AnswerOf<typeof versionEndpoints.save>>("POST", `${policyPath(policyId)}/versions`, input).then((r) => r.version),
  getVersion: (policyId: string, versionNumber: number, signal?: AbortSignal) =>
    request<AnswerOf<typeof versionEndpoints.get>>("GET", `${policyPath(policyId)}/versions/${versionNumber}`, undefined, signal).then(
      (r) => r.version,
    ),
  /**
   * Makes the live draft equal to a version (one change that open editors receive); 409 draft_unchanged.
   * A draft no version holds is first saved as a version: `savedVersion`, else null.
   */
  restoreVersion: (policyId: string, versionNumber: number) =>
    request<AnswerOf<typeof versionEndpoints.restore>>("POST", `${policyPath(policyId)}/versions/${versionNumber}/restore`),
  /** The content hash the committed draft would have as a version: a version with it holds the draft's text. */
  draftContentHash: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof draftEndpoints.get>>("GET", `${policyPath(policyId)}/draft`, undefined, signal).then(
      (r) => r.draft.contentHash,
    ),
  getRedline: (policyId: string, from: CompareSide, to: CompareSide, signal?: AbortSignal) =>
    request<AnswerOf<typeof versionEndpoints.redline>>(
      "GET",
      `${policyPath(policyId)}/redline?${new URLSearchParams({ from: String(from), to: String(to) })}`,
      undefined,
      signal,
    ),

  /**
   * What the server has committed of the draft: its Yjs state vector, and its delete set as a Yjs update
   * with no content. The editor compares them with its own to tell "Saved" from "Saving…".
   */
  getDraftProgress: (policyId: string, signal?: AbortSignal) =>
    request<AnswerOf<typeof draftEndpoints.stateVector>>("GET", `${policyPath(policyId)}/draft/state-vector`, undefined, signal).then(
      (r) => {
        if (typeof r.stateVector !== "string" || typeof r.deleteSet !== "string") {
          throw new ApiError("bad_response", "Accord sent an answer this page cannot read.", 200);
        }
        return { stateVector: decodeBase64(r.stateVector), deleteSet: decodeBase64(r.deleteSet) };
      },
    ),
};
