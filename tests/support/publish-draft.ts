import { demoPassword } from "../../apps/server/src/seed/demo-data.js";
import type { TestAccord } from "./test-app.js";

/** The people who take the demo draft through the workflow, by the local part of their demo e-mail. */
const people = ["facilitator", "officer", "citizen", "prosecutor", "board", "union"] as const;

/**
 * Takes the demo policy's draft through the whole workflow (pending suggestions accepted, a version
 * saved, proposed, signed off by every affiliation, approved by both bodies) and publishes it with the
 * given effective date. `origin` is the Origin that state-changing requests carry (Accord's own unless
 * given). Returns the published version's number. Throws with the response when a step fails.
 */
export async function publishDemoDraft(accord: TestAccord, effectiveDate: string, origin?: string): Promise<number> {
  const cookies: Record<string, string> = {};
  for (const name of people) cookies[name] = await logInAs(accord, name, origin);
  const send = async (name: string, method: "GET" | "POST", url: string, payload?: Record<string, unknown>) => {
    const response = await accord.request({ method, url, cookie: cookies[name], payload, ...(origin === undefined ? {} : { origin }) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url} as ${name}: ${response.statusCode} ${response.body}`);
    return response.json<Record<string, unknown>>();
  };
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
  const bodies = (await send("facilitator", "GET", "/api/bodies")).bodies as { id: string; name: string }[];
  for (const [name, body] of [
    ["board", "Board"],
    ["union", "Union"],
  ] as const) {
    const bodyId = bodies.find((candidate) => candidate.name.includes(body))!.id;
    const meetingDate = accord.clock.now().toISOString().slice(0, 10);
    await act(name, {
      kind: "record_decision",
      bodyId,
      decision: "approve",
      reason: "Adopted.",
      meetingDate,
      meetingReference: `${name} item 2`,
    });
  }
  await act("facilitator", { kind: "publish", effectiveDate });
  return version.number;
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
