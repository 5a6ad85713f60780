import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "./accord-process.js";
import { useBrowserTest } from "./browser-test.js";
import { browserTestTimeoutMs, demoPassword } from "./e2e-setup.js";

// What a newcomer sees on a fresh machine: the built server on an empty embedded database seeds the
// demo, answers the stable contracts, serves the app, and leaves an intact audit trail behind.
describe("a first run of the built server on an empty embedded database", { timeout: browserTestTimeoutMs }, () => {
  const browserTest = useBrowserTest();

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(browserTest.url(url), {
      method: "POST",
      headers: { "content-type": "application/json", origin: browserTest.origin, ...headers },
      body: JSON.stringify(body),
    });

  it("copied its database from the build's template instead of running initdb and every migration", () => {
    expect(browserTest.accord.output()).toContain("new embedded database: copied from the build's template, then migrated");
    expect(browserTest.accord.output()).not.toContain("created by initdb");
  });

  it("answers the health check", async () => {
    const response = await fetch(browserTest.url("/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("signs in the demo facilitator and lists the body-worn camera policy", async () => {
    const login = await post("/api/auth/login", { email: "facilitator@accord.test", password: demoPassword });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")?.split(";")[0];
    expect(cookie).toMatch(/^accord_session=/);
    const policies = await fetch(browserTest.url("/api/policies"), { headers: { cookie: cookie ?? "" } });
    expect(policies.status).toBe(200);
    const body = (await policies.json()) as { policies: { slug: string; id: string; title: string; status: string }[] };
    expect(body.policies).toContainEqual(expect.objectContaining({ slug: "body-worn-cameras", title: "Body-Worn Camera Policy" }));
  });

  it("refuses a POST without Origin with 403", async () => {
    const response = await fetch(browserTest.url("/api/auth/login"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "facilitator@accord.test", password: demoPassword }),
    });
    expect(response.status).toBe(403);
  });

  it("answers a wrong password with 401 and repeated wrong passwords with 429", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      statuses.push((await post("/api/auth/login", { email: "union@accord.test", password: "wrong" })).status);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
  });

  it("lets a demo member sign in through the web app and see their policies", async () => {
    // Through the app's sign-in form, to the home page's "My policies" heading.
    const page = await browserTest.signIn("citizen@accord.test");
    // The list loads after the heading: wait for the link itself.
    const policyLink = page.getByRole("link", { name: "Body-Worn Camera Policy" });
    await policyLink.waitFor();
    expect(await policyLink.getAttribute("href")).toMatch(/^\/app\/policies\/[0-9a-f-]{36}$/);
    expect(await page.getByRole("banner").textContent()).toContain("Priya Natarajan");
    expect(browserTest.problems).toEqual([]);
    await page.context().close();
  });

  it("stops cleanly on SIGTERM and leaves an audit trail that `pnpm audit:verify` finds intact", async () => {
    const accord = browserTest.accord;
    expect(await accord.stop()).toBe(0);
    const verify = spawnSync("node", ["apps/server/dist/cli/verify-audit.js"], {
      cwd: repositoryRoot,
      env: { ...process.env, DATA_DIR: accord.dataDir, DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(verify.stderr).toBe("");
    expect(verify.stdout).toMatch(/is intact: \d+ entries/);
    expect(verify.stdout).toMatch(/Its 3 officers' acknowledgements match the records of them in the trail\./);
    expect(verify.status).toBe(0);
  });
});
