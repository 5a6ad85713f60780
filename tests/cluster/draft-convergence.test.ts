import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterUnavailableReason, startAccordCluster, waitFor, type AccordCluster } from "../support/accord-cluster.js";
import {
  appendParagraph,
  connectClusterClient,
  paragraphsOf,
  signIn,
  storedDraft,
  type ClusterClient,
} from "../support/cluster-clients.js";

const unavailable = clusterUnavailableReason();

// Issue 14, item 7: clients of one policy spread over the three processes converge, and a client that
// connects after the load gets exactly the same document as the stored draft.
describe.skipIf(unavailable !== null)("one draft edited through three processes", { timeout: 300_000 }, () => {
  let cluster: AccordCluster;
  const clients: ClusterClient[] = [];
  beforeAll(async () => {
    cluster = await startAccordCluster();
  }, 300_000);
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await cluster?.stop();
  }, 120_000);

  it("converges, and a client that joins afterwards gets exactly the stored draft", async () => {
    const people = ["officer", "citizen", "prosecutor"];
    const cookies = await Promise.all(people.map((name) => signIn(cluster.origin, `${name}@accord.test`)));
    const policies = await fetch(`${cluster.origin}/api/policies`, { headers: { cookie: cookies[0]! } });
    const policyId = ((await policies.json()) as { policies: { id: string }[] }).policies[0]!.id;

    // Six editors, two per process (round-robin): each types 30 paragraphs, all at once.
    for (let index = 0; index < 6; index++) clients.push(connectClusterClient(cluster.origin, policyId, cookies[index % 3]!));
    await Promise.all(clients.map((client) => client.synced));
    expect(new Set(clients.map((client) => client.backend())).size).toBe(3);

    const written: string[] = [];
    await Promise.all(
      clients.map(async (client, clientIndex) => {
        for (let index = 0; index < 30; index++) {
          const text = `converge c${clientIndex} #${index}`;
          appendParagraph(client.doc, text);
          written.push(text);
          await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
        }
      }),
    );

    const holdsAll = (client: ClusterClient) => {
      const paragraphs = new Set(paragraphsOf(client.doc));
      return written.every((text) => paragraphs.has(text));
    };
    await waitFor(() => clients.every(holdsAll), "every editor holds every edit");
    const reference = clients[0]!.doc.getXmlFragment("prosemirror").toString();
    for (const client of clients) expect(client.doc.getXmlFragment("prosemirror").toString()).toBe(reference);

    // Everything is committed before anyone sees it: the stored draft already is what the editors hold.
    const stored = await storedDraft(cluster.database.pool, policyId);
    expect(stored.getXmlFragment("prosemirror").toString()).toBe(reference);

    // A latecomer, on whichever process haproxy picks, gets exactly the stored draft.
    const latecomer = connectClusterClient(cluster.origin, policyId, cookies[1]!);
    clients.push(latecomer);
    await latecomer.synced;
    expect(latecomer.doc.getXmlFragment("prosemirror").toString()).toBe(stored.getXmlFragment("prosemirror").toString());
    for (const text of written) expect(paragraphsOf(latecomer.doc).filter((paragraph) => paragraph === text)).toHaveLength(1);
  });
});
