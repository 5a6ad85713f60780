import { demoPassword } from "../../apps/server/src/seed/demo-data.js";
import type { TestAccord } from "./test-app.js";

/** The people who take the demo draft through the workflow, by the local part of their demo e-mail. */
const people = ["facilitator", "officer", "citizen", "prosecutor", "board", "union"] as const;

/** How the workflow reaches an Accord: an app in this process (`inject`) or a server over HTTP. */
export interface WorkflowRequests {
  /** Signs in the demo person `name` (`officer` → officer@accord.test); their session cookie. */
  signIn(name: string): Promise<string>;
  /** Sends a request as the cookie's person; throws with the response when it is not a success. */
  send(cookie: string, method: "GET" | "POST", url: string, payload?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Today's date (YYYY-MM-DD) by the Accord's clock: the bodies' meeting date. */
  today(): string;
}

/** What a caller may do between the steps of `takeDemoDraftToPublication`. */
export interface PublicationSteps {
  /** Runs once the working group has signed off, before either body decides (the decision screen has its form). */
  beforeBodiesDecide?(policyId: string, proposalId: string): Promise<void>;
  /** Runs once the version is saved, proposed, signed off and approved, right before it is published. */
  beforePublish?(versionNumber: number): Promise<void>;
}

/**
 * Takes the demo policy's draft through the whole workflow (pending suggestions accepted, a version
 * saved, proposed, signed off by every affiliation, approved by both bodies) and publishes it with the
 * given effective date. Returns the published version's number. Throws with the response when a step fails.
 */
export async function takeDemoDraftToPublication(
  requests: WorkflowRequests,
  effectiveDate: string,
  steps: PublicationSteps = {},
): Promise<number> {
  const cookies: Record<string, string> = {};
  for (const name of people) cookies[name] = await requests.signIn(name);
  const send = (name: string, method: "GET" | "POST", url: string, payload?: Record<string, unknown>) =>
    requests.send(cookies[name]!, method, url, payload);
  const policyId = ((await send("facilitator", "GET", "/api/policies")).policies as { id: string; slug: string }[]).find(
    (policy) => policy.slug === "body-worn-cameras",
  )!.id;
  const suggestions = (await send("officer", "GET", `/api/policies/${policyId}/suggestions`)).suggestions as { id: string }[];
  if (suggestions.length > 0) {
    await send("officer", "POST", `/api/policies/${policyId}/suggestions/decisions`, {
      decision: "accept",
      suggestionIds: suggestions.map((suggestion) => suggestion.id),
    });
  }
  const version = (await send("officer", "POST", `/api/policies/${policyId}/versions`, { label: "Revised" })).version as {
    number: number;
    contentHash: string;
  };
  const proposalId = (
    (
      await send("facilitator", "POST", `/api/policies/${policyId}/proposals`, {
        versionNumber: version.number,
        contentHash: version.contentHash,
      })
    ).proposal as { id: string }
  ).id;
  const act = (name: string, payload: Record<string, unknown>) => send(name, "POST", `/api/proposals/${proposalId}/actions`, payload);
  for (const name of ["officer", "citizen", "prosecutor"]) await act(name, { kind: "sign_off" });
  await steps.beforeBodiesDecide?.(policyId, proposalId);
  const bodies = (await send("facilitator", "GET", "/api/bodies")).bodies as { id: string; name: string }[];
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
      meetingDate: requests.today(),
      meetingReference: `${name} item 2`,
    });
  }
  await steps.beforePublish?.(version.number);
  await act("facilitator", { kind: "publish", effectiveDate });
  return version.number;
}

/**
 * `takeDemoDraftToPublication` on a test app. `origin` is the Origin that state-changing requests carry
 * (Accord's own unless given).
 */
export function publishDemoDraft(accord: TestAccord, effectiveDate: string, origin?: string): Promise<number> {
  return takeDemoDraftToPublication(
    {
      signIn: (name) => logInAs(accord, name, origin),
      async send(cookie, method, url, payload) {
        const response = await accord.request({ method, url, cookie, payload, ...(origin === undefined ? {} : { origin }) });
        if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
        return response.json<Record<string, unknown>>();
      },
      today: () => accord.clock.now().toISOString().slice(0, 10),
    },
    effectiveDate,
  );
}

/** The workflow's requests to a running server at `origin` over HTTP, dated by this machine's clock. */
export function requestsOverHttp(origin: string): WorkflowRequests {
  return {
    async signIn(name) {
      const response = await fetch(`${origin}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email: `${name}@accord.test`, password: demoPassword }),
      });
      const cookie = response.headers.get("set-cookie")?.split(";")[0];
      if (response.status !== 200 || !cookie) throw new Error(`Sign-in as ${name} failed: ${response.status} ${await response.text()}`);
      return cookie;
    },
    async send(cookie, method, url, payload) {
      const response = await fetch(`${origin}${url}`, {
        method,
        headers: { cookie, origin, ...(payload ? { "content-type": "application/json" } : {}) },
        ...(payload ? { body: JSON.stringify(payload) } : {}),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    },
    today: () => new Date().toISOString().slice(0, 10),
  };
}

async function logInAs(accord: TestAccord, name: string, origin: string | undefined): Promise<string> {
  if (origin === undefined) return accord.logIn(`${name}@accord.test`);
  const response = await accord.request({
    method: "POST",
    url: "/api/auth/login",
    origin,
    payload: { email: `${name}@accord.test`, password: demoPassword },
  });
  const cookie = response.cookies.find((candidate) => candidate.name === "accord_session");
  if (response.statusCode !== 200 || !cookie) throw new Error(`Sign-in as ${name} failed: ${response.statusCode} ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}
