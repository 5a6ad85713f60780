import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { migrationProvider } from "@accord/migrations";
import { docJSON, headingJSON, linkJSON, paragraphJSON } from "@accord/policy-schema";
import type { ProposalState } from "@accord/workflow";
import { migrateToLatest } from "../storage/database.js";
import { docxParts } from "@accord/test-support/docx-parts.js";
import { parseHtmlAsXhtml, parseStrictXml, renderMarkdownElements } from "@accord/test-support/strict-markup.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

// Items 8 (output side), 11 and 12 of issue 11: the public site logs no warning and the status it
// sent; what the public sees of a publication is what was published; and every XML and HTML output is
// well-formed whatever the database holds.

const slug = "body-worn-cameras";

/** Fastify's log lines (pino JSON), collected from the stream the app logs to. */
function logCollector(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim() !== "") lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

/** Waits until a condition holds, checking every 20 ms, with a margin that holds on a loaded machine. */
async function eventually(condition: () => boolean, message: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testDatabaseKinds())("the public record on %s", (kind) => {
  let accord: TestAccord;
  const log = logCollector();
  const cookies: Record<string, string> = {};
  let policyId = "";

  beforeAll(async () => {
    accord = await startTestAccord(kind, { deps: { logger: { level: "info", stream: log.stream } } });
    for (const name of ["facilitator", "officer", "citizen", "prosecutor", "board", "union"])
      cookies[name] = await accord.logIn(`${name}@accord.test`);
    policyId = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json().policies[0].id;
  });
  afterAll(() => accord.close());

  it("serves every public route without a warning, and the access log says the status that was sent", async () => {
    const first = await accord.request({ url: `/policies/${slug}` });
    const routes = [
      "/policies",
      "/policies?q=camera",
      "/policies?q=zeppelin",
      `/policies/${slug}`,
      `/policies/${slug}/versions`,
      `/policies/${slug}/versions/1`,
      `/policies/${slug}/versions/1/canonical.json`,
      `/policies/${slug}/versions/1/pdf`,
      `/policies/${slug}/compare/1/1`,
      "/policies/feed.atom",
      `/policies/${slug}/feed.atom`,
      "/verify",
      "/public/site.css",
      "/favicon.svg",
      "/favicon.ico",
      "/policies/no-such-policy",
      `/policies/${slug}/versions/99`,
      `/policies/${slug}/versions/99/pdf`,
      `/policies/${slug}/compare/1/99`,
      "/policies/no-such-policy/feed.atom",
      `/policies/${slug}/no/such/page`,
      "/public/no-such-file.css",
    ];
    // Only what these requests log counts (the app may warn at start, e.g. that the web app is not built).
    const linesBefore = log.lines.length;
    const sent: number[] = [];
    for (const url of routes) sent.push((await accord.request({ url })).statusCode);
    // A revalidation with the page's ETag gets 304, and must log that too.
    sent.push((await accord.request({ url: `/policies/${slug}`, headers: { "if-none-match": first.headers.etag as string } })).statusCode);
    expect(sent).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 304,
    ]);

    const logged = () => log.lines.slice(linesBefore);
    const completed = () => logged().filter((line) => line["msg"] === "request completed");
    await eventually(() => completed().length >= sent.length, "every request was logged as completed");
    // A late write after the reply (the defect) comes on the next turns of the event loop: give it some.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(completed().map((line) => (line["res"] as { statusCode: number }).statusCode)).toEqual(sent);
    expect(logged().filter((line) => (line["level"] as number) >= 40)).toEqual([]);
  });

  it("shows the published title and summary until the next publication, and the new ones from it", async () => {
    const searchHits = async (query: string) =>
      (await accord.request({ url: `/policies?q=${encodeURIComponent(query)}` })).body.includes(`href="/policies/${slug}"`);
    const edited = await accord.request({
      method: "PATCH",
      url: `/api/policies/${policyId}`,
      cookie: cookies.facilitator,
      payload: { title: "Recording Devices Policy", summary: "Zeppelin-borne recorders are covered too." },
    });
    expect(edited.statusCode).toBe(200);

    const index = (await accord.request({ url: "/policies" })).body;
    expect(index).toContain("Body-Worn Camera Policy");
    expect(index).not.toContain("Recording Devices Policy");
    expect(await searchHits("camera")).toBe(true);
    expect(await searchHits("zeppelin")).toBe(false);
    expect(await searchHits("recording devices")).toBe(false);
    const page = (await accord.request({ url: `/policies/${slug}` })).body;
    expect(page).toContain("<h1>Body-Worn Camera Policy</h1>");
    expect(page).not.toContain("Zeppelin");
    const feed = (await accord.request({ url: "/policies/feed.atom" })).body;
    expect(feed).toContain("Body-Worn Camera Policy, version 1");
    expect(feed).not.toContain("Recording Devices");

    // The next publication carries the edited title and summary; version 1 keeps its own.
    await publishTheDraft();
    expect((await accord.request({ url: "/policies" })).body).toContain("Recording Devices Policy");
    expect(await searchHits("zeppelin")).toBe(true);
    expect(await searchHits("camera")).toBe(false);
    expect((await accord.request({ url: `/policies/${slug}` })).body).toContain("<h1>Recording Devices Policy</h1>");
    expect((await accord.request({ url: `/policies/${slug}/versions/1` })).body).toContain("<h1>Body-Worn Camera Policy</h1>");
    const newFeed = (await accord.request({ url: "/policies/feed.atom" })).body;
    expect(newFeed).toContain("Recording Devices Policy, version 2");
    expect(newFeed).toContain("Body-Worn Camera Policy, version 1");
  });

  it("refuses to change a publication's title or summary in the database", async () => {
    const change = accord.database.db.updateTable("publications").set({ title: "Rewritten" }).where("policy_id", "=", policyId).execute();
    await expect(change).rejects.toThrow(/immutable/);
  });

  it("gives publications made before their title and summary were stored the policy's (migration 0008)", async () => {
    const db = accord.database.db;
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo("0007-no-suggestions-in-publications")).error).toBeUndefined();
    await migrateToLatest(db);
    const rows = await db
      .selectFrom("publications")
      .innerJoin("policies", "policies.id", "publications.policy_id")
      .select([
        "publications.title as published",
        "policies.title as current",
        "publications.summary as publishedSummary",
        "policies.summary as currentSummary",
      ])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.published).toBe(row.current);
      expect(row.publishedSummary).toBe(row.currentSummary);
    }
    await expect(db.updateTable("publications").set({ summary: "x" }).execute()).rejects.toThrow(/immutable/);
  });

  /** Takes the demo draft through the whole workflow to a second publication. */
  async function publishTheDraft(): Promise<void> {
    const suggestions = (await accord.request({ url: `/api/policies/${policyId}/suggestions`, cookie: cookies.officer })).json()
      .suggestions as { id: string }[];
    if (suggestions.length > 0) {
      const decided = await accord.request({
        method: "POST",
        url: `/api/policies/${policyId}/suggestions/decisions`,
        cookie: cookies.officer,
        payload: { decision: "accept", suggestionIds: suggestions.map((suggestion) => suggestion.id) },
      });
      expect(decided.statusCode).toBe(200);
    }
    const saved = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/versions`,
      cookie: cookies.officer,
      payload: { label: "Revised" },
    });
    expect(saved.statusCode).toBe(201);
    const version = saved.json().version as { number: number; contentHash: string };
    const proposed = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/proposals`,
      cookie: cookies.facilitator,
      payload: { versionNumber: version.number, contentHash: version.contentHash },
    });
    expect(proposed.statusCode).toBe(201);
    const proposalId = proposed.json().proposal.id as string;
    const act = async (name: string, payload: Record<string, unknown>) => {
      const response = await accord.request({
        method: "POST",
        url: `/api/proposals/${proposalId}/actions`,
        cookie: cookies[name],
        payload,
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    for (const name of ["officer", "citizen", "prosecutor"]) await act(name, { kind: "sign_off" });
    const bodies = (await accord.request({ url: "/api/bodies", cookie: cookies.facilitator })).json().bodies as {
      id: string;
      name: string;
    }[];
    for (const [name, body] of [
      ["board", "Board"],
      ["union", "Union"],
    ] as const) {
      const bodyId = bodies.find((candidate) => candidate.name.includes(body))!.id;
      await act(name, {
        kind: "record_decision",
        bodyId,
        decision: "approve",
        reason: "Adopted.",
        meetingDate: "2026-11-27",
        meetingReference: `${name} item 2`,
      });
    }
    // In effect from today (the test clock's day): what this test checks is the publication itself.
    await act("facilitator", { kind: "publish", effectiveDate: accord.clock.now().toISOString().slice(0, 10) });
  }
});

describe.each(testDatabaseKinds())("public pages and exports of hostile stored text on %s", (kind) => {
  let accord: TestAccord;
  let facilitator = "";
  let policyId = "";
  // What the database may hold although the API refuses it: control characters, noncharacters, markup
  // and CDATA ends. (PostgreSQL itself refuses NUL in text, and a lone surrogate cannot reach it: the
  // driver writes UTF-8, where it becomes U+FFFD.)
  const hostile = "A\u0001B\u000bC\u000cD\u001fE\u007fF\u0085G\ufffeH\uffff ]]> <![CDATA[ x ]]> & <script>alert(1)</script>";

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    facilitator = await accord.logIn("facilitator@accord.test");
    policyId = (await accord.request({ url: "/api/policies", cookie: facilitator })).json().policies[0].id;
    const db = accord.database.db;
    const document = docJSON(
      headingJSON(1, `Scope ${hostile}`),
      paragraphJSON(`Text ${hostile} `, linkJSON(`link ${hostile}`, "https://example.org/a&b", `title ${hostile}`)),
    );
    // Rows the app never rewrites, rewritten behind its back (as an older release or a hand edit might).
    await sql`alter table publications disable trigger publications_immutable`.execute(db);
    await sql`alter table policy_versions disable trigger policy_versions_immutable`.execute(db);
    await db
      .updateTable("publications")
      .set({ title: `Title ${hostile}`, summary: `Summary ${hostile}` })
      .where("policy_id", "=", policyId)
      .execute();
    await db
      .updateTable("policy_versions")
      .set({ canonical_json: JSON.stringify(document), label: `Label ${hostile}` })
      .where("policy_id", "=", policyId)
      .execute();
    await sql`alter table policy_versions enable trigger policy_versions_immutable`.execute(db);
    await sql`alter table publications enable trigger publications_immutable`.execute(db);
    await db
      .updateTable("policies")
      .set({ title: `Title ${hostile}`, summary: `Summary ${hostile}` })
      .where("id", "=", policyId)
      .execute();
    await db
      .updateTable("users")
      .set({ display_name: `Name ${hostile}` })
      .execute();
    const proposal = await db.selectFrom("proposals").select(["id", "state"]).where("policy_id", "=", policyId).executeTakeFirstOrThrow();
    const state = proposal.state;
    const decisions = state.decisions.map((decision) => ({
      ...decision,
      reason: `Reason ${hostile}`,
      meetingReference: `Meeting ${hostile}`,
    }));
    const requiredBodies = state.requiredBodies.map((body) => ({ ...body, name: `Body ${hostile}` }));
    await db
      .updateTable("proposals")
      .set({ state: JSON.stringify({ ...state, decisions, requiredBodies }) as unknown as ProposalState })
      .where("id", "=", proposal.id)
      .execute();
  });
  afterAll(() => accord.close());

  it.each(["/policies/feed.atom", `/policies/${slug}/feed.atom`])(
    "writes the Atom feed %s so that a strict XML parser reads it, with the text replaced where XML cannot hold it",
    async (url) => {
      const response = await accord.request({ url });
      expect(response.statusCode).toBe(200);
      const elements = parseStrictXml(response.body);
      expect(elements[0]?.name).toBe("feed");
      expect(response.body).toContain("Title A\ufffdB\ufffdC");
      expect(response.body).toContain("]]&gt; &lt;![CDATA[ x ]]&gt; &amp; &lt;script&gt;");
    },
  );

  it.each([
    "/policies",
    "/policies?q=title",
    `/policies?q=${encodeURIComponent("]]><script>")}`,
    `/policies/${slug}`,
    `/policies/${slug}/versions`,
    `/policies/${slug}/versions/1`,
    `/policies/${slug}/compare/1/1`,
    "/verify",
    "/policies/no-such-policy",
  ])("writes %s as well-formed XHTML-compatible HTML, with no script", async (url) => {
    const response = await accord.request({ url });
    expect(response.headers["content-type"]).toContain("text/html");
    const elements = parseHtmlAsXhtml(response.body);
    expect(elements.map((element) => element.name)).not.toContain("script");
    expect(response.body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/);
  });

  it("writes the HTML export and the redline as well-formed XHTML-compatible HTML, and Markdown with no stray element", async () => {
    for (const url of [`/api/policies/${policyId}/versions/1/export/html`, `/api/policies/${policyId}/redline.html?from=1&to=1`]) {
      const response = await accord.request({ url, cookie: facilitator });
      expect(response.statusCode, url).toBe(200);
      expect(
        parseHtmlAsXhtml(response.body).map((element) => element.name),
        url,
      ).not.toContain("script");
    }
    const markdown = await accord.request({ url: `/api/policies/${policyId}/versions/1/export/md`, cookie: facilitator });
    expect(markdown.statusCode).toBe(200);
    const names = new Set(renderMarkdownElements(markdown.body).elements.map((element) => element.name));
    // h3 and h4: the sections sit one level below the title (issue 12, item 6).
    for (const name of names) expect(["p", "h1", "h2", "h3", "h4", "ul", "li", "strong", "a", "hr", "code", "em"]).toContain(name);
    expect((await accord.request({ url: `/api/policies/${policyId}/versions/1/export/pdf`, cookie: facilitator })).statusCode).toBe(200);
    // Every XML part of the Word export (document, styles, relationships, properties) is well-formed.
    const docx = await accord.request({ url: `/api/policies/${policyId}/versions/1/export/docx`, cookie: facilitator });
    expect(docx.statusCode).toBe(200);
    const parts = docxParts(docx.rawPayload);
    expect([...parts.keys()]).toContain("word/document.xml");
    for (const [name, xml] of parts) if (/\.(xml|rels)$/.test(name)) expect(() => parseStrictXml(xml), name).not.toThrow();
    expect(parts.get("word/document.xml")).toMatch(/Title A\ufffd?B\ufffd?C/);
  });
});
