import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, onUnauthenticated } from "./api.js";

interface Sent {
  url: string;
  init: RequestInit;
}

/** Replaces fetch with one that records the request and answers with the given status and JSON. */
function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    });
  });
  return sent;
}

function headersOf(sent: Sent): Record<string, string> {
  return sent.init.headers as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  onUnauthenticated(() => {});
});

describe("api", () => {
  it("sends a JSON body with its content type and same-origin credentials", async () => {
    const sent = answer(201, { policy: { id: "p1", title: "Cameras" } });
    const policy = await api.createPolicy({ title: "Cameras" });
    expect(policy.id).toBe("p1");
    expect(sent[0]?.url).toBe("/api/policies");
    expect(sent[0]?.init.method).toBe("POST");
    expect(sent[0]?.init.credentials).toBe("same-origin");
    expect(headersOf(sent[0]!)["content-type"]).toBe("application/json");
    expect(sent[0]?.init.body).toBe('{"title":"Cameras"}');
  });

  it("sends neither body nor content type on DELETE and body-less POST or PUT", async () => {
    const sent = answer(204);
    await api.removeMember("p1", "u1");
    await api.logout();
    answer(200, { body: { id: "b1", representatives: [] } });
    await api.addRepresentative("b1", "u1");
    for (const request of sent) {
      expect(request.init.body).toBeUndefined();
      expect(headersOf(request)["content-type"]).toBeUndefined();
    }
  });

  it("turns an error response into an ApiError with the server's code, message and fields", async () => {
    answer(409, {
      error: { code: "slug_taken", message: "Another policy already uses this slug.", fields: [{ path: "/slug", message: "taken" }] },
    });
    const error = await api.createPolicy({ title: "x", slug: "taken" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "slug_taken", status: 409, message: "Another policy already uses this slug." });
    expect((error as ApiError).fields).toEqual([{ path: "/slug", message: "taken" }]);
  });

  it("reads the wait of a too-many-attempts refusal from Retry-After", async () => {
    answer(429, { error: { code: "too_many_attempts", message: "Too many attempts." } }, { "retry-after": "30" });
    const error = await api.login("a@example.org", "x").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "too_many_attempts", retryAfterSeconds: 30 });
  });

  it("calls the sign-in handler on a lost session but not on wrong credentials", async () => {
    const handler = vi.fn();
    onUnauthenticated(handler);
    answer(401, { error: { code: "invalid_credentials", message: "That email and password do not match an active account." } });
    await expect(api.login("a@example.org", "x")).rejects.toMatchObject({ code: "invalid_credentials" });
    expect(handler).not.toHaveBeenCalled();
    answer(401, { error: { code: "unauthenticated", message: "Sign in to continue." } });
    await expect(api.listPolicies()).rejects.toMatchObject({ code: "unauthenticated" });
    expect(handler).toHaveBeenCalledOnce();
  });

  it("treats a missing draft as no draft, not as an error", async () => {
    answer(404, { error: { code: "not_found", message: "Nothing was found here." } });
    await expect(api.getDraft("p1")).resolves.toBeNull();
    answer(200, { draft: { content: { type: "doc", content: [] } } });
    await expect(api.getDraft("p1")).resolves.toEqual({ type: "doc", content: [] });
  });

  it("says plainly when the server cannot be reached", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(api.me()).rejects.toMatchObject({ code: "network_error", status: 0 });
  });

  it("restores a version with a body-less POST and asks for a redline with both sides in the query", async () => {
    const sent = answer(200, { restored: 2, savedVersion: null });
    await expect(api.restoreVersion("p1", 2)).resolves.toEqual({ restored: 2, savedVersion: null });
    expect(sent[0]?.url).toBe("/api/policies/p1/versions/2/restore");
    expect(sent[0]?.init.method).toBe("POST");
    expect(sent[0]?.init.body).toBeUndefined();
    const redline = answer(200, { from: "version 1 (A)", to: "the current draft", summaryText: "", redline: {}, html: "" });
    await api.getRedline("p1", 1, "draft");
    expect(redline[0]?.url).toBe("/api/policies/p1/redline?from=1&to=draft");
  });

  it("keeps the server's words when a version would repeat the latest one", async () => {
    answer(409, { error: { code: "version_unchanged", message: "The draft has not changed since version 3." } });
    await expect(api.saveVersion("p1", { label: "Again" })).rejects.toMatchObject({
      code: "version_unchanged",
      status: 409,
      message: "The draft has not changed since version 3.",
    });
  });
});
