import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import type { LightMyRequestResponse } from "fastify";
import type { Database } from "../storage/database.js";
import { connectRaw } from "@accord/test-support/collab-clients.js";
import { startTestAccord, testOrigin, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { toAccordError } from "./error-handler.js";
import { withTextRule } from "./input-validation.js";

const foreignOrigin = "https://evil.example";
const placeholderId = "6f1d3a52-8c1e-4f43-9a55-3d2b1f0e7c11";
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Every row of every table, digested: equal before and after means nothing was written. */
async function databaseState(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const state: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const digest = await sql<{ rows: string; digest: string }>`
      select count(*)::text as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
      from ${sql.table(name)} t`.execute(db);
    state[name] = `${digest.rows[0]!.rows}:${digest.rows[0]!.digest}`;
  }
  return state;
}

/** A route's path pattern with every parameter filled: `fill(name)` gives each one's (URL-encoded) value. */
function pathOf(pattern: string, fill: (name: string) => string): string {
  return pattern.replace(/:([A-Za-z]+)|\*/g, (match, name: string | undefined) => fill(name ?? match));
}

const validParam = (name: string) =>
  name === "number" || name === "from" || name === "to"
    ? "1"
    : name === "format"
      ? "md"
      : name === "slug"
        ? "body-worn-cameras"
        : placeholderId;

/**
 * Ways of writing an /api path that a client could hope slip past a check on the raw URL: percent-encoded
 * letters (which Fastify routes like the plain path), an encoded slash, doubled slashes, dot segments, a
 * trailing dot or slash, and another case.
 */
function spellingsOf(path: string): string[] {
  const rest = path.slice("/api".length);
  const firstSegment = rest.split("/")[1]!;
  const encodedFirstLetter = `%${firstSegment.charCodeAt(0).toString(16)}${firstSegment.slice(1)}`;
  return [
    path,
    `/%61pi${rest}`,
    `/%61%70%69${rest}`,
    `/api/${encodedFirstLetter}${rest.slice(firstSegment.length + 1)}`,
    `/api%2F${rest.slice(1)}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/./api${rest}`,
    `/api/.${rest}`,
    `${path}.`,
    `${path}/`,
    `/API${rest}`,
    `${path}?via=query`,
  ];
}

function expectNoInternals(response: LightMyRequestResponse) {
  expect(response.statusCode).not.toBe(500);
  expect(response.body).not.toMatch(/\bat .+:\d+:\d+|\.ts:\d+|node_modules|PGlite|invalid byte sequence/i);
}

function expectRefusedInput(response: LightMyRequestResponse, path?: string, message: RegExp = /control characters/) {
  expectNoInternals(response);
  expect(response.statusCode, response.body).toBe(400);
  expect(response.json().error.code).toBe("validation_failed");
  // A union (the proposal actions) names the problem of each of its branches: the field is among them.
  if (path) expect(response.json().error.fields).toContainEqual({ path, message: expect.stringMatching(message) });
}

/** Sends every spelling of every state-changing route without an Origin and with a foreign one. */
async function expectEveryStateChangeRefusedCrossSite(accord: TestAccord, cookie: string) {
  const stateChanging = accord.app.registeredRoutes.filter((route) => !safeMethods.has(route.method));
  expect(stateChanging.length).toBeGreaterThan(20);
  const before = await databaseState(accord.database.db);
  for (const route of stateChanging) {
    // Only the API and the public comment form (issue 17) change state; the guard would cover any other path all the same.
    expect(route.url.startsWith("/api/") || route.url.startsWith("/policies/:slug/comments"), `${route.method} ${route.url}`).toBe(true);
    for (const url of spellingsOf(pathOf(route.url, validParam))) {
      for (const origin of [null, foreignOrigin]) {
        const response = await accord.request({ method: route.method, url, cookie, origin, payload: {} });
        expect(response.statusCode, `${route.method} ${url} from ${origin}`).toBe(403);
        expect(response.json().error.code).toBe("cross_origin_refused");
        expect(response.headers["set-cookie"]).toBeUndefined();
      }
    }
  }
  expect(await databaseState(accord.database.db)).toEqual(before);
}

describe("the text rule written into every request schema", () => {
  it("makes every string single-line unless it says it holds several lines, however deeply nested", () => {
    const schema = {
      type: "object",
      properties: {
        title: { type: "string", maxLength: 10 },
        note: { type: "string", accordText: "multi-line" },
        tags: { type: "array", items: { type: "string" } },
        either: { anyOf: [{ type: "string" }, { type: "null" }] },
        both: { allOf: [{ type: "object", properties: { name: { type: ["string", "null"] } } }] },
        kind: { type: "string", const: "sign_off" },
        choice: { enum: [{ type: "string" }] },
        count: { type: "integer" },
        // Fields named like data keywords are fields all the same.
        default: { type: "string" },
        examples: { type: "array", items: { type: "string" } },
      },
    };
    expect(withTextRule(schema)).toEqual({
      type: "object",
      properties: {
        title: { type: "string", maxLength: 10, accordText: "single-line" },
        note: { type: "string", accordText: "multi-line" },
        tags: { type: "array", items: { type: "string", accordText: "single-line" } },
        either: { anyOf: [{ type: "string", accordText: "single-line" }, { type: "null" }] },
        both: { allOf: [{ type: "object", properties: { name: { type: ["string", "null"], accordText: "single-line" } } }] },
        kind: { type: "string", const: "sign_off", accordText: "single-line" },
        // enum values are data, not schemas
        choice: { enum: [{ type: "string" }] },
        count: { type: "integer" },
        default: { type: "string", accordText: "single-line" },
        examples: { type: "array", items: { type: "string", accordText: "single-line" } },
      },
    });
    // The route's own schema object, shared between routes, is left as it was.
    expect(schema.properties.title).toEqual({ type: "string", maxLength: 10 });
  });
});

describe("database errors about unstorable text", () => {
  it.each(["22021", "22P05"])("answers PostgreSQL's %s with 400 validation_failed, never internal_error", (code) => {
    const error = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code });
    expect(toAccordError(error)).toMatchObject({ code: "validation_failed", status: 400 });
    expect(toAccordError(error).message).not.toContain("0x00");
  });

  it("still answers any other database error with internal_error", () => {
    expect(toAccordError(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toMatchObject({ code: "internal_error" });
  });
});

describe.each(testDatabaseKinds())("hostile input over HTTP on %s", (kind) => {
  let accord: TestAccord;
  let facilitator = "";
  let officer = "";
  let policyId = "";
  let threadId = "";
  let officerId = "";
  let bodyId = "";
  let proposalId = "";

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    facilitator = await accord.logIn("facilitator@accord.test");
    officer = await accord.logIn("officer@accord.test");
    const policies = await accord.request({ url: "/api/policies", cookie: facilitator });
    policyId = policies.json().policies.find((policy: { slug: string }) => policy.slug === "body-worn-cameras").id;
    const threads = await accord.request({ url: `/api/policies/${policyId}/threads`, cookie: facilitator });
    threadId = threads.json().threads[0].id;
    const accounts = await accord.request({ url: "/api/accounts", cookie: facilitator });
    officerId = accounts.json().accounts.find((account: { email: string }) => account.email === "officer@accord.test").id;
    const bodies = await accord.request({ url: "/api/bodies", cookie: facilitator });
    bodyId = bodies.json().bodies[0].id;
    const proposals = await accord.request({ url: `/api/policies/${policyId}/proposals`, cookie: facilitator });
    proposalId = proposals.json().proposals[0].id;
  });
  afterAll(() => accord.close());

  it("refuses every spelling of every state-changing route without Accord's Origin, and changes nothing", async () => {
    await expectEveryStateChangeRefusedCrossSite(accord, facilitator);
  });

  it("still accepts Accord's own Origin, on a percent-encoded path as on the plain one", async () => {
    for (const url of ["/api/auth/login", "/%61pi/auth/login"]) {
      const response = await accord.request({ method: "POST", url, payload: { email: "citizen@accord.test", password: "accord-demo" } });
      expect(response.statusCode, url).toBe(200);
    }
    const created = await accord.request({
      method: "POST",
      url: "/%61pi/policies",
      cookie: facilitator,
      payload: { title: "Spelled path" },
    });
    expect(created.statusCode).toBe(201);
  });

  it("refuses NUL and control characters in every kind of text field with 400 validation_failed, and stores nothing", async () => {
    const policy = `/api/policies/${policyId}`;
    const cases: { method: "POST" | "PATCH" | "PUT"; url: string; payload: Record<string, unknown>; path: string; cookie?: string }[] = [
      {
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "facilitator@accord.test\u0000", password: "accord-demo" },
        path: "/body/email",
      },
      {
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "facilitator@accord.test", password: "accord-demo\u0000" },
        path: "/body/password",
      },
      { method: "POST", url: "/api/policies", payload: { title: "Nul\u0000title" }, path: "/body/title" },
      { method: "POST", url: "/api/policies", payload: { title: "Start of heading \u0001" }, path: "/body/title" },
      { method: "POST", url: "/api/policies", payload: { title: "Vertical \u000B tab" }, path: "/body/title" },
      { method: "POST", url: "/api/policies", payload: { title: "Two\nlines" }, path: "/body/title" },
      { method: "POST", url: "/api/policies", payload: { title: "Delete \u007F" }, path: "/body/title" },
      { method: "POST", url: "/api/policies", payload: { title: "Lone \uD800 surrogate" }, path: "/body/title" },
      { method: "POST", url: "/api/policies", payload: { title: "Fine", summary: "Nul\u0000summary" }, path: "/body/summary" },
      { method: "PATCH", url: policy, payload: { title: "Renamed\u0000" }, path: "/body/title" },
      { method: "PATCH", url: policy, payload: { summary: "Form feed \u000C" }, path: "/body/summary" },
      { method: "POST", url: `${policy}/versions`, payload: { label: "v\u00002" }, path: "/body/label" },
      { method: "POST", url: `${policy}/versions`, payload: { label: "v2", note: "escape \u001B[31m" }, path: "/body/note" },
      { method: "POST", url: "/api/bodies", payload: { name: "City\u0000Council" }, path: "/body/name" },
      { method: "PATCH", url: `/api/bodies/${bodyId}`, payload: { name: "Board\u0001" }, path: "/body/name" },
      { method: "PATCH", url: `/api/bodies/${bodyId}`, payload: { description: "Bell \u0007" }, path: "/body/description" },
      { method: "PATCH", url: `/api/accounts/${officerId}`, payload: { displayName: "Officer\u0000" }, path: "/body/displayName" },
      {
        method: "POST",
        url: "/api/accounts",
        payload: { email: "new@accord.test", displayName: "New\u0000Person", password: "long enough" },
        path: "/body/displayName",
      },
      { method: "POST", url: `${policy}/threads/${threadId}/comments`, payload: { body: "Nul\u0000comment" }, path: "/body/body" },
      {
        method: "POST",
        url: `/api/proposals/${proposalId}/actions`,
        payload: { kind: "object", reason: "Nul\u0000reason" },
        path: "/body/reason",
        cookie: officer,
      },
    ];
    const before = await databaseState(accord.database.db);
    for (const { method, url, payload, path, cookie } of cases) {
      const response = await accord.request({ method, url, payload, cookie: cookie ?? facilitator });
      expectRefusedInput(response, path);
    }
    expect(await databaseState(accord.database.db)).toEqual(before);
  });

  it("accepts tab everywhere and line breaks where a field holds several lines", async () => {
    const created = await accord.request({
      method: "POST",
      url: "/api/policies",
      cookie: facilitator,
      payload: { title: "Tab\tin a title", summary: "First line.\r\nSecond line.\n\tIndented." },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().policy).toMatchObject({ title: "Tab\tin a title", summary: "First line.\r\nSecond line.\n\tIndented." });
    const comment = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/threads/${threadId}/comments`,
      cookie: facilitator,
      payload: { body: "Two paragraphs.\n\nThe second one." },
    });
    expect(comment.statusCode, comment.body).toBe(201);
  });

  it("refuses a NUL, a line break or a control character in any path parameter of any route", async () => {
    for (const route of accord.app.registeredRoutes) {
      if (route.method === "HEAD" || !/:|\*/.test(route.url)) continue;
      const names = [...route.url.matchAll(/:([A-Za-z]+)|\*/g)].map((match) => match[1] ?? "*");
      for (const name of names) {
        for (const bad of ["a%00b", "a%0Ab", "a%01b", "a%0Bb"]) {
          // A wildcard's value goes deeper than any named route under it reaches, so that the wildcard is what matches.
          const value = name === "*" ? `nothing/here/${bad}` : bad;
          const url = pathOf(route.url, (other) => (other === name ? value : validParam(other)));
          const response = await accord.request({
            method: route.method,
            url,
            cookie: facilitator,
            ...(safeMethods.has(route.method) ? {} : { payload: {} }),
          });
          expect(response.statusCode, `${route.method} ${url}`).toBe(400);
          expectRefusedInput(response, `/params/${name}`);
        }
      }
    }
  });

  it("answers a public policy address holding a NUL with 400, not 500", async () => {
    for (const url of ["/policies/a%00b", "/policies/a%00b/versions", "/policies/body-worn-cameras%00", "/policies?q=%00"]) {
      expectRefusedInput(await accord.request({ url }));
    }
  });

  it("refuses a NUL or a control character in the query string of any route", async () => {
    for (const route of accord.app.registeredRoutes) {
      if (route.method !== "GET") continue;
      const path = pathOf(route.url, validParam);
      for (const query of ["q=a%00b", "limit=1%00", "a%00=1", "status=open&status=%01"]) {
        const response = await accord.request({ url: `${path}?${query}`, cookie: facilitator });
        expect(response.statusCode, `${path}?${query}`).toBe(400);
        expectRefusedInput(response);
      }
    }
  });

  it("refuses a wrong type in a body with 400 instead of converting it, and stores nothing", async () => {
    const policy = `/api/policies/${policyId}`;
    const version = (await accord.request({ url: `${policy}/versions/1`, cookie: facilitator })).json().version;
    const cases: { method: "POST" | "PATCH" | "PUT"; url: string; payload: Record<string, unknown>; path: string }[] = [
      { method: "POST", url: "/api/policies", payload: { title: 42 }, path: "/body/title" },
      { method: "POST", url: "/api/policies", payload: { title: ["arr"] }, path: "/body/title" },
      { method: "POST", url: "/api/policies", payload: { title: true }, path: "/body/title" },
      { method: "POST", url: `${policy}/threads/${threadId}/comments`, payload: { body: true }, path: "/body/body" },
      { method: "POST", url: `${policy}/threads/${threadId}/comments`, payload: { body: ["arr"] }, path: "/body/body" },
      { method: "PATCH", url: `/api/accounts/${officerId}`, payload: { disabled: "false" }, path: "/body/disabled" },
      { method: "PATCH", url: `/api/accounts/${officerId}`, payload: { disabled: "true" }, path: "/body/disabled" },
      { method: "PATCH", url: `/api/accounts/${officerId}`, payload: { isFacilitator: 1 }, path: "/body/isFacilitator" },
      { method: "PUT", url: `${policy}/required-bodies`, payload: { bodyIds: bodyId }, path: "/body/bodyIds" },
      { method: "PUT", url: `${policy}/members/${officerId}`, payload: { role: ["viewer"], affiliation: "police" }, path: "/body/role" },
      { method: "POST", url: `${policy}/versions`, payload: { label: 2 }, path: "/body/label" },
      {
        method: "POST",
        url: `${policy}/proposals`,
        payload: { versionNumber: "1", contentHash: version.contentHash },
        path: "/body/versionNumber",
      },
      {
        method: "POST",
        url: "/api/auth/login",
        payload: { email: ["facilitator@accord.test"], password: "accord-demo" },
        path: "/body/email",
      },
    ];
    const before = await databaseState(accord.database.db);
    for (const { method, url, payload, path } of cases) {
      const response = await accord.request({ method, url, payload, cookie: facilitator });
      expectRefusedInput(response, path, /^must be (string|boolean|integer|array|equal to one of the allowed values)$/);
    }
    expect(await databaseState(accord.database.db)).toEqual(before);
  });

  it("still reads numbers and booleans from the path and the query string", async () => {
    expect((await accord.request({ url: `/api/policies/${policyId}/versions/1`, cookie: facilitator })).statusCode).toBe(200);
    expect((await accord.request({ url: "/api/notifications?limit=5", cookie: facilitator })).statusCode).toBe(200);
    const mine = await accord.request({ url: `/api/policies/${policyId}/threads?mine=true&status=open`, cookie: facilitator });
    expect(mine.statusCode).toBe(200);
  });

  it("refuses a collaboration socket whose address holds a NUL before the upgrade", async () => {
    const origin = await accord.listen();
    const headers = { origin: testOrigin, cookie: facilitator };
    for (const path of [`/collab/${policyId}?lineage=a%00b`, `/collab/a%00b`, `/collab/${policyId}?lineage=%01`]) {
      expect(await connectRaw(origin, path, headers).refused, path).toBe(400);
    }
    // The same socket with a clean address opens.
    const clean = connectRaw(origin, `/collab/${policyId}`, headers);
    expect(await clean.refused).toBeNull();
    clean.socket.close();
    await clean.closed;
  });
});

describe("cross-site protection in production", () => {
  let accord: TestAccord;
  beforeAll(async () => {
    accord = await startTestAccord("pglite", {
      env: { NODE_ENV: "production", PUBLIC_ORIGIN: "https://accord.example.org", DATABASE_URL: "postgres://injected/by-test" },
    });
  });
  afterAll(() => accord.close());

  it("refuses every spelling of every state-changing route without Accord's Origin, and changes nothing", async () => {
    const login = await accord.request({
      method: "POST",
      url: "/api/auth/login",
      origin: "https://accord.example.org",
      payload: { email: "facilitator@accord.test", password: "accord-demo" },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((candidate) => candidate.name === "__Host-accord_session")!;
    await expectEveryStateChangeRefusedCrossSite(accord, `${cookie.name}=${cookie.value}`);
  });

  it("refuses sign-in on a percent-encoded path without an Origin, and issues no session", async () => {
    const response = await accord.request({
      method: "POST",
      url: "/%61pi/auth/login",
      origin: null,
      payload: { email: "facilitator@accord.test", password: "accord-demo" },
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers["set-cookie"]).toBeUndefined();
  });
});
