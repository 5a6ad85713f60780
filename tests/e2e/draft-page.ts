import type { Locator, Page } from "playwright-core";
import * as Y from "yjs";
import type { BrowserTest } from "./browser-test.js";
import { waitUntil } from "./e2e-setup.js";

/**
 * Signs in as `email` in a fresh browser context (`BrowserTest.signIn`: its own cookies, as on its own
 * machine, with page errors and complaints collected under `who`), opens the body-worn camera policy from
 * the list, and waits for the draft's text to arrive over the WebSocket.
 */
export async function openDemoDraft(browserTest: BrowserTest, email: string, who: string, width = 1100): Promise<Page> {
  const page = await browserTest.signIn(email, { who, viewport: { width, height: 900 } });
  const policyLink = page.getByRole("link", { name: "Body-Worn Camera Policy" });
  await policyLink.waitFor();
  const href = (await policyLink.getAttribute("href")) ?? "";
  if (!/^\/app\/policies\/[0-9a-f-]{36}$/.test(href)) throw new Error(`The policy link goes to ${href}, not to /app/policies/<id>.`);
  await policyLink.click();
  await page.getByRole("heading", { name: "Draft", exact: true }).waitFor();
  // The draft's text arrives over the WebSocket; the demo draft begins with a numbered section.
  await page.locator(".policy-editor-content .section-number").first().waitFor();
  return page;
}

/**
 * Puts the caret after the last character of `block` (a paragraph of the draft) with a click there, as
 * a person would. Clicking the block's middle and pressing End is not the same: End goes to the end of
 * the visual line, and a long paragraph wraps.
 */
export async function clickAtEndOf(page: Page, block: Locator): Promise<void> {
  await block.scrollIntoViewIfNeeded();
  const point = await block.evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent) last = node as Text;
    if (!last) throw new Error("The block holds no text to click at the end of.");
    const range = document.createRange();
    range.setStart(last, last.length - 1);
    range.setEnd(last, last.length);
    const rect = range.getBoundingClientRect();
    // Just inside the last character's right edge, halfway down its line.
    return { x: rect.right - 1, y: rect.top + rect.height / 2 };
  });
  await page.mouse.click(point.x, point.y);
}

/** Counts the document updates a page sends on its collaboration socket from now on. */
export interface UpdateCounter {
  readonly count: number;
  stop(): Promise<void>;
}

/**
 * Counts the y-websocket document updates (message sync, then update: bytes 0, 2) that `page` sends,
 * read from Chromium's own record of WebSocket frames, so that a socket opened before the call counts too.
 */
export async function countDraftUpdatesSent(page: Page): Promise<UpdateCounter> {
  const session = await page.context().newCDPSession(page);
  let count = 0;
  session.on("Network.webSocketFrameSent", ({ response }) => {
    if (response.opcode !== 2) return;
    const bytes = Buffer.from(response.payloadData, "base64");
    if (bytes[0] === 0 && bytes[1] === 2) count++;
  });
  await session.send("Network.enable");
  return {
    get count() {
      return count;
    },
    stop: () => session.detach(),
  };
}

/**
 * The text of the offline copy this page keeps of its draft, as IndexedDB has committed it: the stored
 * updates (y-indexeddb's "updates" store) merged in a document here. A read transaction sees only
 * committed writes, so a sentence found here survives a reload; one still on its way to disk may not.
 */
export async function offlineCopyText(page: Page): Promise<string> {
  const stored = await page.evaluate(async () => {
    const databases = await indexedDB.databases();
    const name = databases.map((database) => database.name ?? "").find((candidate) => candidate.startsWith("accord-draft-"));
    if (name === undefined) return [];
    return await new Promise<number[][]>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(new Error(`IndexedDB would not open ${name}.`));
      open.onsuccess = () => {
        const database = open.result;
        if (!database.objectStoreNames.contains("updates")) {
          database.close();
          resolve([]);
          return;
        }
        const request = database.transaction("updates", "readonly").objectStore("updates").getAll();
        request.onerror = () => reject(new Error("IndexedDB would not read the stored updates."));
        request.onsuccess = () => {
          database.close();
          resolve((request.result as Uint8Array[]).map((update) => Array.from(update)));
        };
      };
    });
  });
  const copy = new Y.Doc();
  for (const update of stored) Y.applyUpdate(copy, Uint8Array.from(update));
  // The fragment as XML: plain text between the tags, enough to find a typed sentence in.
  const text = copy.getXmlFragment("prosemirror").toString();
  copy.destroy();
  return text;
}

/**
 * The draft's text as this page's editor shows it, without the names on other people's carets: a caret
 * is a widget inside the text (y-prosemirror's), so the editor's own textContent would read a sentence
 * with someone's caret in it as two halves with a name between them.
 */
export async function editorText(page: Page): Promise<string> {
  return await page.locator(".policy-editor-content").evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".ProseMirror-yjs-cursor").forEach((caret) => caret.remove());
    return copy.textContent ?? "";
  });
}

/** The text of the draft the server has committed (its JSON content's text nodes), read with the page's session. */
export async function serverDraftText(page: Page): Promise<string> {
  return await page.evaluate(async () => {
    const policyId = location.pathname.split("/").pop() ?? "";
    const response = await fetch(`/api/policies/${encodeURIComponent(policyId)}/draft`);
    if (!response.ok) return `(the server answered ${response.status})`;
    const texts: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== "object" || node === null) return;
      const { text, content } = node as { text?: unknown; content?: unknown };
      if (typeof text === "string") texts.push(text);
      if (Array.isArray(content)) for (const child of content) walk(child);
    };
    walk(((await response.json()) as { draft?: { content?: unknown } }).draft?.content);
    return texts.join("");
  });
}

/**
 * Waits until this page's editor shows `sentence` whole (carets aside). When it does not, the error says
 * what the editor and the server hold instead, so a failure shows where the typing went.
 */
export async function waitForDraftText(page: Page, sentence: string, who: string): Promise<void> {
  try {
    await waitUntil(async () => (await editorText(page)).includes(sentence), `${who}'s editor shows "${sentence}"`);
  } catch (error) {
    const shown = await editorText(page).catch((reason: unknown) => `(unreadable: ${String(reason)})`);
    const stored = await serverDraftText(page).catch((reason: unknown) => `(unreadable: ${String(reason)})`);
    throw new Error(
      `${(error as Error).message}\nThe editor ends with: …${shown.slice(-600)}\nThe server's draft ends with: …${stored.slice(-600)}`,
      { cause: error },
    );
  }
}
