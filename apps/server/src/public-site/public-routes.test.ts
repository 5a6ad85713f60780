import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyWornCameraPublishedDocument, canonicalizeDocument } from "@accord/policy-schema";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";

describe("the public site", () => {
  let accord: TestAccord;
  const publishedHash = canonicalizeDocument(bodyWornCameraPublishedDocument).hash;

  beforeAll(async () => {
    accord = await startTestAccord("pglite");
    const facilitator = await accord.logIn("facilitator@accord.test");
    const officer = await accord.logIn("officer@accord.test");
    const policyId = (await accord.request({ url: "/api/policies", cookie: facilitator })).json().policies[0].id;
    // An unpublished version 2 (the draft in progress) and an unpublished policy must stay private.
    await accord.request({ method: "POST", url: `/api/policies/${policyId}/versions`, cookie: officer, payload: { label: "Draft" } });
    await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: facilitator,
      payload: { title: "Use of Force", slug: "use-of-force" },
    });
  });
  afterAll(() => accord.close());

  it("lists the published policies without an account", async () => {
    const response = await accord.request({ url: "/policies" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain("Body-Worn Camera Policy");
    expect(response.body).not.toContain('href="/policies/use-of-force"');
    expect(response.body).toMatch(/<html lang="en">/);
  });

  it("searches the index", async () => {
    expect((await accord.request({ url: "/policies?q=camera" })).body).toContain("Body-Worn Camera Policy");
    expect((await accord.request({ url: "/policies?q=zeppelin" })).body).not.toContain('href="/policies/body-worn-cameras"');
  });

  it("shows the current published version with numbered sections, its hash and its approval record", async () => {
    const response = await accord.request({ url: "/policies/body-worn-cameras" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(publishedHash);
    expect(response.body).toContain('class="section-number"');
    expect(response.body).toContain("Resolution 2026-041");
    expect(response.body).toContain("Executive board minutes, item 7");
    expect(response.body).toMatch(/Police<\/strong>: Sgt\. Marcus Reyes/);
    expect(response.body).not.toMatch(/<script/i);
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
  });

  it("never shows the draft in progress or an unpublished version", async () => {
    const current = await accord.request({ url: "/policies/body-worn-cameras" });
    expect(current.body).not.toContain("Community Reporting");
    expect((await accord.request({ url: "/policies/body-worn-cameras/versions/2" })).statusCode).toBe(404);
    expect((await accord.request({ url: "/policies/use-of-force" })).statusCode).toBe(404);
    expect((await accord.request({ url: "/policies/use-of-force/versions" })).statusCode).toBe(404);
    expect((await accord.request({ url: "/policies/no-such-policy" })).statusCode).toBe(404);
  });

  it("lists every published version", async () => {
    const response = await accord.request({ url: "/policies/body-worn-cameras/versions" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("/policies/body-worn-cameras/versions/1");
    expect((await accord.request({ url: "/policies/body-worn-cameras/versions/1" })).body).toContain(publishedHash);
  });

  it("serves the exact canonical JSON whose SHA-256 is the published hash", async () => {
    const response = await accord.request({ url: "/policies/body-worn-cameras/versions/1/canonical.json" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/json");
    expect(createHash("sha256").update(response.rawPayload).digest("hex")).toBe(publishedHash);
  });

  it("answers 404 on every route for an unpublished version or policy", async () => {
    for (const url of [
      "/policies/body-worn-cameras/versions/2/canonical.json",
      "/policies/body-worn-cameras/versions/2/pdf",
      "/policies/body-worn-cameras/compare/1/2",
      "/policies/use-of-force/versions/1",
      "/policies/use-of-force/versions/1/canonical.json",
      "/policies/use-of-force/versions/1/pdf",
      "/policies/use-of-force/compare/1/1",
    ]) {
      const response = await accord.request({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain("Community Reporting");
    }
    expect((await accord.request({ url: "/policies/feed.atom" })).body).not.toContain("Use of Force");
  });

  it("offers a PDF of a published version with its hash, a verify page and an Atom feed", async () => {
    const pdf = await accord.request({ url: "/policies/body-worn-cameras/versions/1/pdf" });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.headers["content-disposition"]).toBe('attachment; filename="body-worn-cameras-v1.pdf"');
    expect((await accord.request({ url: "/verify" })).body).toContain("sha256sum canonical.json");
    const feed = await accord.request({ url: "/policies/feed.atom" });
    expect(feed.headers["content-type"]).toContain("application/atom+xml");
    expect(feed.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed.body).toContain(publishedHash);
  });

  it("shows the redline between two published versions", async () => {
    const response = await accord.request({ url: "/policies/body-worn-cameras/compare/1/1" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("changes from version 1 to version 1");
  });

  it("renders a page once, answers with an ETag, and 304 on revalidation", async () => {
    const first = await accord.request({ url: "/policies/body-worn-cameras" });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers["cache-control"]).toContain("max-age");
    const again = await accord.request({ url: "/policies/body-worn-cameras", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });
});
