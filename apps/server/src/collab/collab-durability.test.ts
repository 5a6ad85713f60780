import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { loadStoredDraft, type DraftStore } from "../storage/drafts.js";
import { appendParagraph, connectProvider, eventually, type ProviderClient, draftText } from "@accord/test-support/collab-clients.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";

describe("durability and lifecycle of collaborative drafts", () => {
  let accord: TestAccord | undefined;
  const clients: ProviderClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await accord?.close();
    accord = undefined;
  });

  /** Starts Accord with its draft store wrapped by `wrap` (delayed, or made to fail), or as in production. */
  async function start(wrap?: (store: DraftStore) => DraftStore, env = {}) {
    const started = await startTestAccord("pglite", { env, deps: wrap ? { wrapDraftStore: wrap } : {} });
    accord = started;
    const origin = await started.listen();
    const facilitator = await started.logIn("facilitator@accord.test");
    const policyId: string = (await started.request({ url: "/api/policies", cookie: facilitator })).json().policies[0].id;
    return { origin, policyId, facilitator, accord: started };
  }

  const connect = (origin: string, policyId: string, cookie: string) => {
    const client = connectProvider(origin, policyId, cookie);
    clients.push(client);
    return client;
  };

  it("relays an update only after it is committed", async () => {
    let release: () => void = () => undefined;
    let holding = true;
    const { origin, policyId, accord } = await start((store) => ({
      ...store,
      append: async (writes) => {
        if (holding) await new Promise<void>((resolve) => (release = resolve));
        return store.append(writes);
      },
    }));
    const writer = connect(origin, policyId, await accord.logIn("officer@accord.test"));
    const reader = connect(origin, policyId, await accord.logIn("citizen@accord.test"));
    await Promise.all([writer.synced, reader.synced]);
    appendParagraph(writer.doc, "held until committed");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(draftText(reader.doc)).not.toContain("held until committed");
    const storedBefore = await loadStoredDraft(accord.database.db, policyId);
    expect(storedBefore?.updates.length).toBe(0);
    holding = false;
    release();
    await eventually(() => draftText(reader.doc).includes("held until committed"), "relayed after commit");
    const storedAfter = await loadStoredDraft(accord.database.db, policyId);
    expect(storedAfter?.updates.length).toBe(1);
  });

  it("keeps an update in memory and retries while the database refuses writes, losing nothing", async () => {
    let failuresLeft = 3;
    const { origin, policyId, accord } = await start((store) => ({
      ...store,
      append: async (writes) => {
        if (failuresLeft-- > 0) throw new Error("database unavailable");
        return store.append(writes);
      },
    }));
    const writer = connect(origin, policyId, await accord.logIn("officer@accord.test"));
    await writer.synced;
    appendParagraph(writer.doc, "written through failures");
    await eventually(
      () => draftText(accord.app.collabRegistry.peek(policyId)?.ydoc ?? new Y.Doc()).includes("written through failures"),
      "applied after retries",
    );
    const stored = await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: await accord.logIn("facilitator@accord.test") });
    expect(stored.body).toContain("written through failures");
  });

  it("never creates an empty document over stored content when a load fails, and loads once the store answers", async () => {
    let failLoads = true;
    const { origin, policyId, accord, facilitator } = await start((store) => ({
      ...store,
      load: async (id) => {
        if (failLoads) throw new Error("storage is down");
        return store.load(id);
      },
    }));
    const before = (await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: facilitator })).body;
    const first = connect(origin, policyId, await accord.logIn("officer@accord.test"));
    await eventually(() => first.closes.some((close) => close.code === 1011), "closed with 1011");
    first.destroy();
    expect(accord.app.collabRegistry.loadedCount).toBe(0);
    expect((await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: facilitator })).body).toBe(before);

    failLoads = false;
    const second = connect(origin, policyId, await accord.logIn("officer@accord.test"));
    await second.synced;
    expect(draftText(second.doc)).toContain("Purpose");
  });

  it("loads a document once when ten clients open a new policy at once, and never duplicates its content", async () => {
    let loads = 0;
    const { origin, accord, facilitator } = await start((store) => ({
      ...store,
      load: async (id) => {
        loads++;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return store.load(id);
      },
    }));
    const created = await accord.request({ method: "POST", url: "/api/policies", cookie: facilitator, payload: { title: "Fresh Policy" } });
    const policyId = created.json().policy.id;
    const group = Array.from({ length: 10 }, () => connect(origin, policyId, facilitator));
    await Promise.all(group.map((client) => client.synced));
    expect(loads).toBe(1);
    for (const client of group) expect(client.doc.getXmlFragment("prosemirror").length).toBe(1);
  });

  it("folds the update log into the snapshot, and a compacted document loads the same", async () => {
    const { origin, policyId, accord } = await start(undefined, { COLLAB_COMPACT_AFTER_UPDATES: "5" });
    const writer = connect(origin, policyId, await accord.logIn("officer@accord.test"));
    await writer.synced;
    for (let index = 0; index < 12; index++) {
      appendParagraph(writer.doc, `compaction edit ${index}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await eventually(() => draftText(accord.app.collabRegistry.peek(policyId)!.ydoc).includes("compaction edit 11"), "all applied");
    const expected = draftText(writer.doc);
    writer.destroy();
    await eventually(() => accord.app.collabRegistry.loadedCount === 0, "unloaded");
    const stored = await loadStoredDraft(accord.database.db, policyId);
    expect(stored?.updates.length).toBe(0);
    const reader = connect(origin, policyId, await accord.logIn("citizen@accord.test"));
    await reader.synced;
    expect(draftText(reader.doc)).toBe(expected);
  });

  it("leaves no loaded documents after connection churn", async () => {
    const { origin, policyId, accord, facilitator } = await start();
    const other = (
      await accord.request({ method: "POST", url: "/api/policies", cookie: facilitator, payload: { title: "Churn Two" } })
    ).json().policy.id;
    for (let round = 0; round < 15; round++) {
      const batch = [connect(origin, policyId, facilitator), connect(origin, other, facilitator), connect(origin, policyId, facilitator)];
      await Promise.all(batch.map((client) => client.synced));
      if (round % 3 === 0) appendParagraph(batch[0]!.doc, `churn ${round}`);
      for (const client of batch) client.destroy();
    }
    await eventually(() => accord.app.collabRegistry.loadedCount === 0, "every document unloaded");
  });
});
