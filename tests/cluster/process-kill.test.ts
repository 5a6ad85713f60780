import { describe, expect, it } from "vitest";
import { clusterUnavailableReason, waitFor } from "../support/accord-cluster.js";
import { appendParagraph, paragraphsOf, storedDraft, type ClusterClient } from "../support/cluster-clients.js";
import { useCluster } from "../support/use-cluster.js";

const unavailable = clusterUnavailableReason();

/**
 * How long all clients may take to match once the dead process's clients are back. Issue 14 asks for 5 s;
 * `pnpm bench:cluster` measures it (0.3 s seen). The test's bound is generous, for a busy machine.
 */
const convergeWithinMs = 30_000;

// Issue 14, item 7: SIGKILL one process while writers on it and on the others type. Every edit relayed to
// anyone, and every edit of a surviving writer, is in PostgreSQL, and all clients match within 5 s; once
// at a random moment, once right as an edit arrives at the process.
describe.skipIf(unavailable !== null)("a process SIGKILLed while editors on it and on the others type", { timeout: 300_000 }, () => {
  const scene = useCluster();

  for (const timing of ["at a random moment of the typing", "right as an edit arrives"] as const) {
    it(`loses nothing anyone saw, nor any survivor's edit, when killed ${timing}`, async () => {
      const { cluster } = scene;
      await Promise.all(cluster.nodes.map((node) => node.start()));
      await cluster.waitForStates("UP");
      const cookies = await scene.signInAll(["officer", "citizen", "prosecutor"]);
      const policyId = await scene.demoPolicyId(cookies[0]!);

      // Six writers, two on each process (round-robin); the victim is the process of the first.
      const clients: ClusterClient[] = scene.connectEditors(6, policyId, cookies);
      await Promise.all(clients.map((client) => client.synced));
      const victim = cluster.nodes.find((node) => node.name === clients[0]!.backend())!;
      const onVictim = clients.filter((client) => client.backend() === victim.name);
      expect(onVictim.length).toBeGreaterThan(0);
      expect(onVictim.length).toBeLessThan(clients.length);

      const tag = timing.startsWith("right") ? "arrive" : "random";
      const label = (clientIndex: number, index: number) => `${tag} c${clientIndex} #${index}`;
      const mine = (clientIndex: number) => `${tag} c${clientIndex} #`;
      const written: string[] = [];
      let typing = true;
      let killAtNextEdit = false;
      const death: { killed: Promise<void> | null } = { killed: null };
      const kill = () => {
        // Until the check below, the dead process's clients stay away: what they would resend on
        // reconnecting must not hide an edit that was relayed and then lost.
        for (const client of onVictim) client.provider.shouldConnect = false;
        victim.child().kill("SIGKILL");
        death.killed = victim.kill();
      };
      const typists = clients.map(async (client, clientIndex) => {
        for (let index = 0; typing; index++) {
          appendParagraph(client.doc, label(clientIndex, index));
          written.push(label(clientIndex, index));
          // The update is on the wire to the victim now: it dies as the edit arrives.
          if (killAtNextEdit && client === onVictim[0]) {
            killAtNextEdit = false;
            kill();
          }
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      });

      // Once every client has received others' edits, kill at a random moment or as the next edit arrives.
      const othersReceived = (client: ClusterClient, clientIndex: number) =>
        paragraphsOf(client.doc).some((text) => text.startsWith(`${tag} c`) && !text.startsWith(mine(clientIndex)));
      await waitFor(() => clients.every(othersReceived), "every writer receives the others' edits");
      if (tag === "arrive") killAtNextEdit = true;
      else {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
        kill();
      }
      await waitFor(() => death.killed !== null, "the victim is killed");
      await death.killed;

      // The survivors go on typing through other processes until each has relayed a few more edits.
      const afterKill = written.length;
      await waitFor(() => written.length > afterKill + 60, "the survivors type on");

      // Everything any client received from someone else was committed before it was relayed.
      const received = new Set<string>();
      clients.forEach((client, clientIndex) => {
        for (const text of paragraphsOf(client.doc))
          if (text.startsWith(`${tag} c`) && !text.startsWith(mine(clientIndex))) received.add(text);
      });
      // Among them, edits the dead process relayed before it died.
      const fromVictim = onVictim.map((client) => mine(clients.indexOf(client)));
      expect([...received].some((text) => fromVictim.some((prefix) => text.startsWith(prefix)))).toBe(true);
      typing = false;
      await Promise.all(typists);
      const storedNow = new Set(paragraphsOf(await storedDraft(cluster.database.pool, policyId)));
      const lostRelayed = [...received].filter((text) => !storedNow.has(text));
      expect(lostRelayed, "edits some client received but PostgreSQL does not hold").toEqual([]);

      // The dead process's clients come back through haproxy to another process and resend what was
      // never committed; everyone matches, and PostgreSQL holds every edit of every writer, each once.
      const reconnecting = performance.now();
      for (const client of onVictim) {
        client.provider.shouldConnect = true;
        client.provider.connect();
      }
      const holdsAll = (texts: string[]) => {
        const paragraphs = new Set(texts);
        return written.every((text) => paragraphs.has(text));
      };
      await waitFor(() => clients.every((client) => holdsAll(paragraphsOf(client.doc))), "every client holds every edit");
      await waitFor(async () => holdsAll(paragraphsOf(await storedDraft(cluster.database.pool, policyId))), "PostgreSQL holds every edit");
      const convergedAfterMs = performance.now() - reconnecting;
      for (const client of onVictim) expect(client.backend()).not.toBe(victim.name);
      const reference = paragraphsOf(clients[0]!.doc);
      for (const client of clients) expect(paragraphsOf(client.doc)).toEqual(reference);
      expect(paragraphsOf(await storedDraft(cluster.database.pool, policyId))).toEqual(reference);
      for (const text of written) expect(reference.filter((paragraph) => paragraph === text)).toHaveLength(1);
      expect(convergedAfterMs, "all clients and PostgreSQL match this long after the reconnect").toBeLessThan(convergeWithinMs);

      for (const client of clients) client.destroy();
    });
  }
});
