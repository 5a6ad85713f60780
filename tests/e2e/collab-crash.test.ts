import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectProvider, eventually, type ProviderClient } from "../support/collab-clients.js";
import { startAccordProcess, type AccordProcess } from "./accord-process.js";
import { browserHookTimeoutMs, browserTestTimeoutMs, conditionTimeoutMs, waitUntil } from "./e2e-setup.js";
import { AccordApi } from "./publish-via-api.js";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Signs a demo person in through the API; their session cookie. */
async function logIn(origin: string, email: string): Promise<string> {
  return (await new AccordApi(origin).login(email)).cookie;
}

/**
 * Resolves once the server has read every message `client` sent before the call (not committed it):
 * the server handles one socket's messages in order and answers a sync step 1 with a sync step 2.
 * Bytes: message sync (0), step 1 (0), a state vector of one byte (1), which is empty (0).
 */
async function serverHasRead(client: ProviderClient): Promise<void> {
  const socket = client.provider.ws;
  if (!socket) throw new Error("The client has no socket to the server.");
  let answered = false;
  const onMessage = (event: MessageEvent) => {
    const bytes = new Uint8Array(event.data as ArrayBuffer);
    if (bytes[0] === 0 && bytes[1] === 1) answered = true;
  };
  socket.addEventListener("message", onMessage);
  try {
    socket.send(Uint8Array.of(0, 0, 1, 0));
    await waitUntil(() => answered, "the server answers a sync step 1 sent after the edits");
  } finally {
    socket.removeEventListener("message", onMessage);
  }
}

const paragraphsOf = (doc: Y.Doc): string[] =>
  doc
    .getXmlFragment("prosemirror")
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? child.toString() : ""))
            .join("")
        : "",
    );

// SIGKILL leaves no chance to flush: only what was committed before relaying survives. The promise is
// that nothing any client received from the server is lost, and that on restart every client converges
// with each edit present exactly once (clients resend what the server never stored).
describe("a server killed with SIGKILL while three editors type", { timeout: browserTestTimeoutMs }, () => {
  let accord: AccordProcess | undefined;
  const clients: ProviderClient[] = [];
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await accord?.stop();
    await accord?.cleanUp();
  }, browserHookTimeoutMs);

  it("keeps everything any client received, and all converge after a restart with each edit once", async () => {
    const port = await freePort();
    accord = await startAccordProcess({ PORT: String(port) });
    const origin = accord.origin;
    const cookies = await Promise.all(["officer", "citizen", "prosecutor"].map((name) => logIn(origin, `${name}@accord.test`)));
    const policies = await fetch(`${origin}/api/policies`, { headers: { cookie: cookies[0]! } });
    const policyId = ((await policies.json()) as { policies: { id: string }[] }).policies[0]!.id;
    for (const cookie of cookies) clients.push(connectProvider(origin, policyId, cookie));
    await Promise.all(clients.map((client) => client.synced));

    // Each client types a numbered paragraph every 15 ms; the server is killed in the middle of it.
    const written: string[] = [];
    let typing = true;
    const typists = clients.map(async (client, clientIndex) => {
      for (let index = 0; typing; index++) {
        const text = `crash-test c${clientIndex} #${index}`;
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(text)]);
        client.doc.getXmlFragment("prosemirror").push([paragraph]);
        written.push(text);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    });
    // Killed once every client has received some of the others' edits (on a busy machine that can take
    // seconds), at a random moment of the typing after that.
    const othersReceived = (clientIndex: number) =>
      paragraphsOf(clients[clientIndex]!.doc).some(
        (text) => text.startsWith("crash-test") && !text.startsWith(`crash-test c${clientIndex} `),
      );
    await waitUntil(() => clients.every((_client, clientIndex) => othersReceived(clientIndex)), "every client receives the others' edits");
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
    accord.child.kill("SIGKILL");
    await new Promise((resolve) => accord!.child.once("exit", resolve));
    typing = false;
    await Promise.all(typists);

    // What each client had received from the others at the moment of the kill.
    const received = new Set<string>();
    clients.forEach((client, clientIndex) => {
      for (const text of paragraphsOf(client.doc)) {
        if (text.startsWith("crash-test") && !text.startsWith(`crash-test c${clientIndex} `)) received.add(text);
      }
    });
    expect(received.size).toBeGreaterThan(0);

    // Restart on the same port and data; the providers reconnect by themselves.
    const dataDir = accord.dataDir;
    accord = await startAccordProcess({ PORT: String(port), DATA_DIR: dataDir });
    const verifier = await logIn(accord.origin, "facilitator@accord.test");

    // Before any client has resent anything, the stored draft already holds everything that was relayed.
    const restarted = await fetch(`${accord.origin}/api/policies/${policyId}/draft`, { headers: { cookie: verifier } });
    const storedText = JSON.stringify(await restarted.json());
    for (const text of received) expect(storedText, `"${text}" was received by a client, so it must be stored`).toContain(`"${text}"`);

    await eventually(
      () => clients.every((client) => written.every((text) => paragraphsOf(client.doc).includes(text))),
      "every client holds every edit after reconnecting",
      conditionTimeoutMs,
    );
    const reference = paragraphsOf(clients[0]!.doc);
    for (const client of clients) expect(paragraphsOf(client.doc)).toEqual(reference);
    for (const text of written) expect(reference.filter((paragraph) => paragraph === text)).toHaveLength(1);
  });

  it("flushes and exits cleanly on SIGTERM, keeping every edit made before it", async () => {
    const port = await freePort();
    const previous = accord;
    accord = await startAccordProcess({ PORT: String(port) });
    await previous?.stop();
    await previous?.cleanUp();
    const cookie = await logIn(accord.origin, "citizen@accord.test");
    const policies = await fetch(`${accord.origin}/api/policies`, { headers: { cookie } });
    const policyId = ((await policies.json()) as { policies: { id: string }[] }).policies[0]!.id;
    const client = connectProvider(accord.origin, policyId, cookie);
    clients.push(client);
    await client.synced;
    for (let index = 0; index < 20; index++) {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(`before sigterm ${index}`)]);
      client.doc.getXmlFragment("prosemirror").push([paragraph]);
    }
    // The edits have reached the server (not necessarily been committed: SIGTERM must do that).
    await serverHasRead(client);
    // Stay connected through SIGTERM (the server closes the socket), but never reconnect: what the
    // restarted server holds must come from the shutdown flush, not from a client resending it.
    client.provider.shouldConnect = false;
    expect(await accord.stop()).toBe(0);
    expect(accord.output()).not.toMatch(/not yet committed/);

    const dataDir = accord.dataDir;
    accord = await startAccordProcess({ PORT: String(port), DATA_DIR: dataDir });
    const reader = await logIn(accord.origin, "observer@accord.test");
    const stored = JSON.stringify(
      await (await fetch(`${accord.origin}/api/policies/${policyId}/draft`, { headers: { cookie: reader } })).json(),
    );
    for (let index = 0; index < 20; index++) expect(stored).toContain(`before sigterm ${index}`);
  });
});
