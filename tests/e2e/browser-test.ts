import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { startAccordProcess, type AccordProcess } from "./accord-process.js";
import { launchChromium } from "./chromium.js";
import { browserHookTimeoutMs, demoPassword, newBrowserContext } from "./e2e-setup.js";

// The set-up every browser test shares, written once: the built server and Chromium started before the
// file's first test and stopped after its last, browser contexts that are closed with them, pages whose
// errors are collected, and signing in through the app's own form.

/**
 * What a page of ours logs that is a bug of ours: a refusal by the Content-Security-Policy (a style
 * attribute, an inline script), a Yjs misuse warning, or a message the collaboration provider cannot read.
 */
export const pageComplaint = /Content Security Policy|\[yjs\]|Unable to compute message/i;

/** A browser test's server and browser; use them inside tests and hooks, once `useBrowserTest` started them. */
export interface BrowserTest {
  /** The built server, as `pnpm start` runs it, on a new embedded database seeded with the demo. */
  readonly accord: AccordProcess;
  readonly browser: Browser;
  /** Where the server listens: `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Page errors and complaints (`pageComplaint`) of every page opened by `newPage`, each under its person. */
  readonly problems: string[];
  /** The server's address of a path. */
  url(pathname: string): string;
  /** A new browser context (its own cookies, as on its own machine), closed after the file's tests. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a new context whose errors and complaints go to `problems` under `who`. */
  newPage(who: string, options?: BrowserContextOptions): Promise<Page>;
  /**
   * Signs a demo person in through the app's sign-in form on a new page (`newPage`), and returns the
   * page once their home page ("My policies") shows.
   */
  signIn(email: string, options?: BrowserContextOptions & { who?: string }): Promise<Page>;
}

/**
 * Starts the built server and Chromium before the tests of the calling `describe` (or file), and stops
 * them after, with every context opened through the returned `BrowserTest`. Call it at the top of a
 * `describe`; hooks registered after it run after it has started.
 */
export function useBrowserTest(env: NodeJS.ProcessEnv = {}): BrowserTest {
  let accord: AccordProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    accord = await startAccordProcess(env);
    browser = await launchChromium();
  }, browserHookTimeoutMs);
  afterAll(async () => {
    // A context a test closed itself is closed again without harm.
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await accord?.stop();
    await accord?.cleanUp();
  }, browserHookTimeoutMs);

  function started<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`${what} has not started: use it in a test or in a hook registered after useBrowserTest().`);
    return value;
  }

  const browserTest: BrowserTest = {
    get accord() {
      return started(accord, "The Accord server");
    },
    get browser() {
      return started(browser, "Chromium");
    },
    get origin() {
      return started(accord, "The Accord server").origin;
    },
    problems,
    url: (pathname) => `${browserTest.origin}${pathname}`,
    async newContext(options = {}) {
      const context = await newBrowserContext(browserTest.browser, options);
      contexts.push(context);
      return context;
    },
    async newPage(who, options = {}) {
      const page = await (await browserTest.newContext(options)).newPage();
      page.on("pageerror", (error) => problems.push(`${who}: page error: ${error.message}`));
      page.on("console", (message) => {
        if (pageComplaint.test(message.text())) problems.push(`${who}: ${message.text()}`);
      });
      return page;
    },
    async signIn(email, { who = email, ...options } = {}) {
      const page = await browserTest.newPage(who, options);
      await page.goto(browserTest.url("/app/"));
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(demoPassword);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "My policies", level: 1 }).waitFor();
      return page;
    },
  };
  return browserTest;
}
