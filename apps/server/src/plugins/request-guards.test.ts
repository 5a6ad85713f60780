import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";

describe("cross-site protection and bad requests", () => {
  let accord: TestAccord;
  let facilitator = "";
  beforeAll(async () => {
    accord = await startTestAccord("pglite", { env: { ALLOWED_ORIGINS: "https://partner.example.org" } });
    facilitator = await accord.logIn("facilitator@accord.test");
  });
  afterAll(() => accord.close());

  it("refuses a state-changing request without an Origin with 403, and changes nothing", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: facilitator,
      origin: null,
      payload: { title: "No origin" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      error: { code: "cross_origin_refused", message: expect.stringContaining("did not come from Accord") },
    });
    const list = await accord.request({ url: "/api/policies", cookie: facilitator });
    expect(list.json().policies.map((policy: { title: string }) => policy.title)).not.toContain("No origin");
  });

  it("refuses a foreign Origin and the opaque 'null' origin", async () => {
    for (const origin of ["https://evil.example", "null", "http://accord.test.evil.example"]) {
      const response = await accord.request({ method: "POST", url: "/api/auth/logout", cookie: facilitator, origin });
      expect(response.statusCode).toBe(403);
    }
  });

  it("refuses sign-in without an Origin too (login cross-site forgery)", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      origin: null,
      payload: { email: "officer@accord.test", password: "accord-demo" },
    });
    expect(response.statusCode).toBe(403);
  });

  it("accepts an origin from the configured allow-list", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      origin: "https://partner.example.org",
      payload: { email: "officer@accord.test", password: "accord-demo" },
    });
    expect(response.statusCode).toBe(200);
  });

  it("accepts the origin of the request's own host outside production", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      headers: { host: "localhost:3000" },
      origin: "http://localhost:3000",
      payload: { email: "officer@accord.test", password: "accord-demo" },
    });
    expect(response.statusCode).toBe(200);
  });

  it("needs no Origin for a GET", async () => {
    expect((await accord.request({ url: "/api/health" })).json()).toEqual({ status: "ok" });
  });

  it("answers malformed JSON with 400 malformed_json", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: facilitator,
      headers: { "content-type": "application/json" },
      payload: '{"title": "broken',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("malformed_json");
  });

  it("answers an oversized body with 413 and changes nothing", async () => {
    // A route with the default limit (creating a policy takes more: a Word file to import, tested there).
    const accountsBefore = (await accord.request({ url: "/api/accounts", cookie: facilitator })).json().accounts.length;
    const response = await accord.request({
      method: "POST",
      url: "/api/accounts",
      cookie: facilitator,
      payload: { email: "huge@example.org", displayName: "x".repeat(300 * 1024), password: "a-long-enough-password" },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("payload_too_large");
    expect((await accord.request({ url: "/api/accounts", cookie: facilitator })).json().accounts.length).toBe(accountsBefore);
  });

  it("answers a body that is not JSON with 415", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: facilitator,
      headers: { "content-type": "text/plain" },
      payload: "title=hello",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("unsupported_media_type");
  });

  it("names every missing field", async () => {
    const response = await accord.request({ method: "POST", url: "/api/auth/login", payload: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0]).toEqual({ path: "/body/email", message: "is required" });
  });

  it("answers an unknown API path with a JSON 404", async () => {
    const response = await accord.request({ url: "/api/nothing-here" });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("not_found");
  });

  it("sends the usual security headers", async () => {
    const response = await accord.request({ url: "/api/health" });
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });
});

describe("unexpected failures", () => {
  it("answer 500 internal_error without a stack trace or SQL", async () => {
    const accord = await startTestAccord("pglite");
    const cookie = await accord.logIn("facilitator@accord.test");
    // Break the database under the running app: every query now fails.
    await accord.database.db.destroy();
    const response = await accord.request({ url: "/api/policies", cookie });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: "internal_error", message: expect.any(String) } });
    expect(response.body).not.toMatch(/at .*\.ts|select|PGlite/i);
    await accord.app.close();
  });
});
