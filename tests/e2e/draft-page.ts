import type { Browser, BrowserContext, Page } from "playwright-core";

/** Where a browser test keeps what its pages did wrong, and the contexts it must close. */
export interface BrowserTestState {
  browser: Browser;
  origin: string;
  /** Page errors and CSP violations, per person, for the final check and for failure messages. */
  problems: string[];
  contexts: BrowserContext[];
}

/**
 * Signs in as `email` in a fresh browser context (its own cookies, as on its own machine), opens the
 * body-worn camera policy from the list, and waits for the draft's text to arrive over the WebSocket.
 * Page errors, CSP refusals and Yjs or provider complaints are collected in `problems` under `who`.
 */
export async function openDemoDraft(state: BrowserTestState, email: string, who: string, width = 1100): Promise<Page> {
  const context = await state.browser.newContext({ viewport: { width, height: 900 } });
  state.contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => state.problems.push(`${who}: page error: ${error.message}`));
  page.on("console", (message) => {
    // CSP refusals (a style attribute, an inline script), Yjs misuse warnings and messages the provider
    // cannot read are bugs of ours.
    if (/Content Security Policy|\[yjs\]|Unable to compute message/i.test(message.text())) state.problems.push(`${who}: ${message.text()}`);
  });
  await page.goto(`${state.origin}/app/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("accord-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  const policyLink = page.getByRole("link", { name: "Body-Worn Camera Policy" });
  await policyLink.waitFor({ timeout: 30_000 });
  const href = (await policyLink.getAttribute("href")) ?? "";
  if (!/^\/app\/policies\/[0-9a-f-]{36}$/.test(href)) throw new Error(`The policy link goes to ${href}, not to /app/policies/<id>.`);
  await policyLink.click();
  await page.getByRole("heading", { name: "Draft" }).waitFor();
  // The draft's text arrives over the WebSocket; the demo draft begins with a numbered section.
  await page.locator(".policy-editor-content .section-number").first().waitFor({ timeout: 30_000 });
  return page;
}
