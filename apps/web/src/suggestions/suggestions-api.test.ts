import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api.js";
import { suggestionsApi } from "./suggestions-api.js";

interface Sent {
  url: string;
  init: RequestInit;
}

function answer(status: number, body: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe("suggestionsApi", () => {
  it("decides the listed suggestions, or all of one author's", async () => {
    const sent = answer(200, { decided: [{ suggestionId: "s1", kind: "insertion", text: "120", decision: "accepted" }] });
    const decided = await suggestionsApi.decide("p/1", "accept", { suggestionIds: ["s1"] });
    expect(decided.map((entry) => entry.suggestionId)).toEqual(["s1"]);
    await suggestionsApi.decide("p1", "reject", { authorId: "ana" });
    expect(sent.map((request) => [request.url, request.init.method, request.init.body])).toEqual([
      ["/api/policies/p%2F1/suggestions/decisions", "POST", '{"decision":"accept","suggestionIds":["s1"]}'],
      ["/api/policies/p1/suggestions/decisions", "POST", '{"decision":"reject","authorId":"ana"}'],
    ]);
  });

  it("reads the pending suggestions and the authorship of a policy", async () => {
    const sent = answer(200, { suggestions: [{ id: "s1" }], affiliations: [], decisions: [] });
    expect(await suggestionsApi.listSuggestions("p1")).toEqual([{ id: "s1" }]);
    expect(await suggestionsApi.getAuthorship("p1")).toMatchObject({ affiliations: [], decisions: [] });
    expect(sent.map((request) => request.url)).toEqual(["/api/policies/p1/suggestions", "/api/policies/p1/authorship"]);
  });

  it("passes the server's refusal on as an ApiError with its message", async () => {
    answer(403, { error: { code: "forbidden", message: "You may not do this." } });
    await expect(suggestionsApi.decide("p1", "accept", { authorId: "ana" })).rejects.toEqual(
      new ApiError("forbidden", "You may not do this.", 403),
    );
  });
});
