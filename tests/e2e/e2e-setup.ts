import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { expect } from "vitest";

/**
 * How long the end-to-end tests wait, in one place. They run on 2-core machines that are often busy with
 * other work (load averages of 5 to 15 were seen while these tests ran): what takes 100 ms on a quiet
 * machine can take several seconds there. So every wait is on a condition (a locator, a poll, an event),
 * never a fixed sleep, and its limit is generous: a limit costs nothing while things go well and only
 * delays the report of a real failure. A step that needs a tighter bound says why beside it.
 */

/** Any condition in a page or on the server: text appears, a status reads "Saved", a socket syncs. */
export const conditionTimeoutMs = 60_000;

/**
 * Starting the built server (migrations, the demo seed) or Chromium, which a busy machine slows most: at a
 * load average of 18 to 21 (2026-12-07, five other jobs on the 2 cores) starts took over 120 s; the
 * hook that starts them allows 300 s.
 */
export const startTimeoutMs = 240_000;

/** A whole test, which waits on several conditions in a row; past it vitest reports the test as hung. */
export const browserTestTimeoutMs = 300_000;

/** beforeAll and afterAll: start the server and the browser, set up data, or shut them down. */
export const browserHookTimeoutMs = 300_000;

/** The password of every demo account the server seeds, and of the accounts the tests create. */
export const demoPassword = "accord-demo";

/**
 * A new browser context (its own cookies, as on its own machine) whose actions, waits and navigations
 * wait up to `conditionTimeoutMs` unless a step says otherwise (Playwright's own default is 30 s).
 */
export async function newBrowserContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(conditionTimeoutMs);
  context.setDefaultNavigationTimeout(conditionTimeoutMs);
  return context;
}

/** `expect.poll` with the condition limit: `await eventually(() => count()).toBe(0)` (its own default is 1 s). */
export function eventually<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: conditionTimeoutMs, interval: 100, message });
}

/** Resolves once `condition()` is true, checking every 50 ms; rejects with `what` after `conditionTimeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > conditionTimeoutMs) throw new Error(`Still waiting after ${conditionTimeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
