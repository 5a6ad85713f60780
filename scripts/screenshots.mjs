// Saves the README's pictures into docs/screenshots/: the draft of the demo policy at 1400 px and on a
// phone (390 px), the board's decision screen, and the public page. Run after `pnpm build`, as
// `pnpm screenshots`: it starts the built server on a fresh embedded data folder (the demo data), drives
// Debian's Chromium (CHROMIUM_PATH to use another), and stops both. The pictures follow the code, so
// they are made again, not drawn.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "docs/screenshots");
const demoPassword = "accord-demo";
const startTimeoutMs = 180_000;

/** Starts the built server on a new data folder and resolves with its origin once it listens. */
async function startAccord(dataDir) {
  const child = spawn(process.execPath, [path.join(root, "apps/server/dist/main.js")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "development", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "", DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Accord did not start within ${startTimeoutMs / 1000} s:\n${printed}`)),
      startTimeoutMs,
    );
    const onData = (chunk) => {
      printed += chunk.toString();
      const match = /Accord is listening on (http:\/\/[^\s"]+)/.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Accord exited with ${code} before listening:\n${printed}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once("exit", resolve);
      child.kill("SIGTERM");
    });
  return { origin, stop };
}

/** The JSON API as a demo person (`officer` → officer@accord.test), for the steps the pictures need. */
async function apiAs(origin, name) {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email: `${name}@accord.test`, password: demoPassword }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0];
  if (login.status !== 200 || !cookie) throw new Error(`Sign-in as ${name} failed: ${login.status} ${await login.text()}`);
  return async (method, url, payload) => {
    const response = await fetch(`${origin}${url}`, {
      method,
      headers: { cookie, origin, ...(payload ? { "content-type": "application/json" } : {}) },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : {};
  };
}

/** A signed-in page of its own (own cookies) at this viewport. */
async function signIn(browser, origin, name, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${origin}/app/`);
  await page.getByLabel("Email").fill(`${name}@accord.test`);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "My policies", level: 1 }).waitFor();
  return page;
}

/** Opens the demo policy's draft and waits for its text, its comments and its suggestions. */
async function openDraft(page, origin, policyId) {
  await page.goto(`${origin}/app/policies/${policyId}`);
  await page.locator(".policy-editor-content .section-number").first().waitFor();
  await page.locator(".thread-card").first().waitFor();
  await page.waitForLoadState("networkidle");
}

async function main() {
  await mkdir(outDir, { recursive: true });
  const dataDir = await mkdtemp(path.join(tmpdir(), "accord-screenshots-"));
  const accord = await startAccord(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--hide-scrollbars"],
  });
  try {
    const { origin } = accord;
    const facilitatorApi = await apiAs(origin, "facilitator");
    const policy = (await facilitatorApi("GET", "/api/policies")).policies.find((candidate) => candidate.slug === "body-worn-cameras");
    const saved = [];
    const save = async (page, name) => {
      const file = path.join(outDir, name);
      await page.screenshot({ path: file });
      saved.push(path.relative(root, file));
    };

    const wide = await signIn(browser, origin, "officer", { width: 1400, height: 900 });
    await openDraft(wide, origin, policy.id);
    await save(wide, "draft-1400.png");

    const phone = await signIn(browser, origin, "advocate", { width: 390, height: 844 });
    await openDraft(phone, origin, policy.id);
    await save(phone, "draft-390.png");

    // The decision screen needs a proposal the working group has signed off: the demo's suggestions
    // accepted, a version saved and proposed, and the three affiliations' sign-offs.
    const officerApi = await apiAs(origin, "officer");
    const pending = (await officerApi("GET", `/api/policies/${policy.id}/suggestions`)).suggestions;
    if (pending.length > 0) {
      await officerApi("POST", `/api/policies/${policy.id}/suggestions/decisions`, {
        decision: "accept",
        suggestionIds: pending.map((suggestion) => suggestion.id),
      });
    }
    const { version } = await officerApi("POST", `/api/policies/${policy.id}/versions`, { label: "For the board and the union" });
    const { proposal } = await facilitatorApi("POST", `/api/policies/${policy.id}/proposals`, {
      versionNumber: version.number,
      contentHash: version.contentHash,
    });
    for (const name of ["officer", "citizen", "prosecutor"]) {
      await (
        await apiAs(origin, name)
      )("POST", `/api/proposals/${proposal.id}/actions`, { kind: "sign_off" });
    }
    const board = await signIn(browser, origin, "board", { width: 1400, height: 900 });
    await board.goto(`${origin}/app/policies/${policy.id}/proposals/${proposal.id}/decide`);
    await board.getByRole("button", { name: "Record the decision" }).waitFor();
    await board.waitForLoadState("networkidle");
    await save(board, "decision-1400.png");

    const reader = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    const publicPage = await reader.newPage();
    await publicPage.goto(`${origin}/policies/${policy.slug}`);
    await publicPage.waitForLoadState("networkidle");
    await save(publicPage, "public-1400.png");

    console.log(`Saved ${saved.join(", ")}.`);
  } finally {
    await browser.close();
    await accord.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
