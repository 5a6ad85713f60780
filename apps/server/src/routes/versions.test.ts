import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import { canonicalizeDocument, contentHash, policySchema } from "@accord/policy-schema";
import { buildApp } from "../app.js";
import { decodeDraftContent } from "../drafts/yjs-draft.js";
import { listAuditEvents } from "../storage/audit-events.js";
import * as decoding from "lib0/decoding";
import { accordEventMessageType } from "@accord/collab";
import { appendParagraph, connectProvider, eventually, type ProviderClient } from "@accord/test-support/collab-clients.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

const hashOfClient = (doc: Y.Doc) =>
  canonicalizeDocument(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment("prosemirror"), policySchema).toJSON()).hash;

describe.each(testDatabaseKinds())("versions on %s", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  /** The content hash of the seeded draft in progress. */
  let demoHash = "";
  const cookies: Record<string, string> = {};
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    origin = await accord.listen();
    for (const name of ["facilitator", "officer", "citizen", "advocate"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    policyId = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json().policies[0].id;
    // The seeded draft names its suggestions' authors by their (random) ids, so its hash is per database.
    const draft = (await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: cookies.officer })).json().draft;
    demoHash = canonicalizeDocument(draft.content).hash;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await accord.close();
  });

  /** Waits until the server has committed everything the client holds (what the editor calls "Saved"). */
  const waitUntilCommitted = async (doc: Y.Doc) => {
    for (let attempt = 0; attempt < 250; attempt++) {
      const response = await accord.request({ url: `/api/policies/${policyId}/draft/state-vector`, cookie: cookies.officer });
      const server = Y.decodeStateVector(Buffer.from(response.json().stateVector, "base64"));
      if ([...Y.decodeStateVector(Y.encodeStateVector(doc))].every(([client, clock]) => (server.get(client) ?? 0) >= clock)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("the server never committed the client's edits");
  };

  const save = (cookie: string, label: string) =>
    accord.request({ method: "POST", url: `/api/policies/${policyId}/versions`, cookie, payload: { label, note: "for the test" } });

  // The demo seeds version 1 (the published policy); the draft in progress differs from it.
  let draftVersion = 0;

  it("saves the draft as the next version with the SHA-256 of its canonical JSON, the same on every database", async () => {
    const response = await save(cookies.officer!, "Working draft");
    expect(response.statusCode).toBe(201);
    expect(response.json().version).toMatchObject({ number: 2, label: "Working draft", contentHash: demoHash });
    expect(response.json().version.wordCount).toBeGreaterThan(1000);
    expect(response.json().version.wordsAdded).toBeGreaterThan(100);
    expect(response.json().version.wordsRemoved).toBeGreaterThan(0);
    draftVersion = response.json().version.number;
  });

  it("refuses to save a draft that has not changed since the latest version", async () => {
    const response = await save(cookies.officer!, "Again");
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("version_unchanged");
  });

  it("lets commenters read versions but not save them", async () => {
    expect((await save(cookies.advocate!, "Mine")).statusCode).toBe(403);
    const list = await accord.request({ url: `/api/policies/${policyId}/versions`, cookie: cookies.advocate });
    expect(list.json().versions.map((version: { number: number }) => version.number)).toEqual([draftVersion, 1]);
  });

  it("keeps a version's hash after a restart, and its stored JSON and Yjs state both give that hash", async () => {
    // The restarted app keeps the test's clock: the officer's session was made at test time.
    const again = await buildApp({ config: accord.config, db: accord.database.db, now: accord.clock.now, logger: false });
    const response = await again.inject({
      url: `/api/policies/${policyId}/versions/${draftVersion}`,
      headers: { cookie: cookies.officer! },
    });
    await again.close();
    expect(response.statusCode).toBe(200);
    expect(response.json().version.contentHash).toBe(demoHash);
    expect(response.json().version.html).toContain("section-number");
    const row = await accord.database.db
      .selectFrom("policy_versions")
      .selectAll()
      .where("number", "=", draftVersion)
      .executeTakeFirstOrThrow();
    expect(contentHash(row.canonical_json)).toBe(demoHash);
    expect(canonicalizeDocument(decodeDraftContent(new Uint8Array(row.yjs_state))).hash).toBe(demoHash);
  });

  it("can never be altered: the database refuses, and no route changes a version", async () => {
    await expect(sql`update policy_versions set label = 'forged'`.execute(accord.database.db)).rejects.toThrow(/immutable/);
    await expect(sql`update policy_versions set canonical_json = '{}'`.execute(accord.database.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from policy_versions`.execute(accord.database.db)).rejects.toThrow(/immutable/);
    for (const method of ["PATCH", "PUT", "DELETE"] as const) {
      const response = await accord.request({
        method,
        url: `/api/policies/${policyId}/versions/1`,
        cookie: cookies.facilitator,
        payload: {},
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it("restores an earlier version with two editors connected: one forward change, seen live, no duplication", async () => {
    const officer = connectProvider(origin, policyId, cookies.officer!);
    const citizen = connectProvider(origin, policyId, cookies.citizen!);
    clients.push(officer, citizen);
    // Accord's own events (type 100), which the stock provider does not know, are read as the web app does.
    for (const client of [officer, citizen])
      client.provider.messageHandlers[accordEventMessageType] = (_encoder, decoder) => decoding.readVarString(decoder);
    await Promise.all([officer.synced, citizen.synced]);
    appendParagraph(officer.doc, "Officers shall upload footage before the end of each shift.");
    appendParagraph(citizen.doc, "Recordings of minors are redacted before release.");
    await eventually(
      () =>
        hashOfClient(officer.doc) === hashOfClient(citizen.doc) && officer.doc.getXmlFragment("prosemirror").toString().includes("minors"),
      "both edits everywhere",
    );
    await waitUntilCommitted(officer.doc);
    const second = await save(cookies.citizen!, "With upload and minors");
    expect(second.statusCode).toBe(201);
    expect(second.json().version).toMatchObject({ number: draftVersion + 1, wordsRemoved: 0 });
    expect(second.json().version.wordsAdded).toBeGreaterThanOrEqual(15);

    const restored = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/versions/${draftVersion}/restore`,
      cookie: cookies.officer,
    });
    expect(restored.statusCode).toBe(200);
    // Nothing changed since the latest version: nothing to keep, so no extra version.
    expect(restored.json()).toEqual({ restored: draftVersion, savedVersion: null });
    expect((await accord.request({ url: `/api/policies/${policyId}/versions`, cookie: cookies.officer })).json().versions[0].number).toBe(
      draftVersion + 1,
    );
    await eventually(() => hashOfClient(officer.doc) === demoHash && hashOfClient(citizen.doc) === demoHash, "both editors see version 1");
    expect(officer.closes).toEqual([]);
    expect(citizen.closes).toEqual([]);
    // Editing goes on normally after the restore, and reaches the other editor once.
    appendParagraph(citizen.doc, "After the restore.");
    await eventually(
      () => officer.doc.getXmlFragment("prosemirror").toString().split("After the restore.").length === 2,
      "edit relayed once",
    );

    const events = await listAuditEvents(accord.database.db);
    expect(events.find((event) => event.action === "version.restored")).toMatchObject({
      payload: { versionNumber: draftVersion, contentHash: demoHash },
    });
    const again = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/versions/${draftVersion + 1}/restore`,
      cookie: cookies.advocate,
    });
    expect(again.statusCode).toBe(403);
  });

  it("shows a redline between two versions and between a version and the live draft", async () => {
    const versions = await accord.request({
      url: `/api/policies/${policyId}/redline?from=${draftVersion}&to=${draftVersion + 1}`,
      cookie: cookies.advocate,
    });
    expect(versions.statusCode).toBe(200);
    expect(versions.json().html).toContain("<ins");
    expect(versions.json().html).toContain("minors");
    const draft = await accord.request({
      url: `/api/policies/${policyId}/redline?from=${draftVersion}&to=draft`,
      cookie: cookies.advocate,
    });
    expect(draft.json().html).toContain("After the restore.");
    const standalone = await accord.request({
      url: `/api/policies/${policyId}/redline.html?from=1&to=${draftVersion}`,
      cookie: cookies.advocate,
    });
    expect(standalone.headers["content-type"]).toContain("text/html");
    expect(standalone.body).toMatch(/^<!doctype html>/i);
    expect(standalone.headers["content-security-policy"]).toContain("default-src 'none'");
    const bad = await accord.request({ url: `/api/policies/${policyId}/redline?from=1&to=banana`, cookie: cookies.advocate });
    expect(bad.statusCode).toBe(400);
    const missing = await accord.request({ url: `/api/policies/${policyId}/redline?from=1&to=99`, cookie: cookies.advocate });
    expect(missing.statusCode).toBe(404);
  });

  it.each([
    ["html", "text/html", (body: Buffer) => body.toString().includes(demoHash)],
    ["md", "text/markdown", (body: Buffer) => body.toString().includes(demoHash)],
    ["pdf", "application/pdf", (body: Buffer) => body.subarray(0, 5).toString() === "%PDF-"],
    ["docx", "application/vnd.openxmlformats", (body: Buffer) => body.subarray(0, 2).toString() === "PK"],
  ])("exports the saved draft version as %s", async (format, contentType, looksRight) => {
    const response = await accord.request({
      url: `/api/policies/${policyId}/versions/${draftVersion}/export/${format}`,
      cookie: cookies.advocate,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain(contentType);
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="body-worn-cameras-v${draftVersion}.${format}"`);
    expect(looksRight(response.rawPayload)).toBe(true);
  });

  it.each(["html", "md"])("carries the approval record in the %s export of the approved version 1", async (format) => {
    const response = await accord.request({ url: `/api/policies/${policyId}/versions/1/export/${format}`, cookie: cookies.advocate });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Resolution 2026-041");
    expect(response.body).toContain("Executive board minutes, item 7");
    expect(response.body).toContain("Sgt. Marcus Reyes");
  });

  it("saves unsaved work as a version before a restore replaces it, in order, and tells everyone who restored what", async () => {
    const [officer, citizen] = clients as [ProviderClient, ProviderClient];
    const heard: Record<string, unknown>[] = [];
    // What the web client does with Accord events: the stock provider dispatches on the message type.
    citizen.provider.messageHandlers[accordEventMessageType] = (_encoder, decoder) => {
      heard.push(JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown>);
    };
    const latest = (await accord.request({ url: `/api/policies/${policyId}/versions`, cookie: cookies.officer })).json().versions[0];
    appendParagraph(officer.doc, "A sentence typed after the latest version.");
    await waitUntilCommitted(officer.doc);
    const typedHash = hashOfClient(officer.doc);
    const draft = (await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: cookies.officer })).json().draft;
    expect(draft.contentHash).toBe(typedHash);
    expect(draft.contentHash).not.toBe(latest.contentHash);

    accord.clock.advance(60_000);
    const restored = await accord.request({ method: "POST", url: `/api/policies/${policyId}/versions/1/restore`, cookie: cookies.officer });
    expect(restored.statusCode).toBe(200);
    const saved = restored.json().savedVersion;
    expect(saved).toMatchObject({
      number: latest.number + 1,
      label: "Draft before restoring v1",
      contentHash: typedHash,
      authorName: "Sgt. Marcus Reyes",
    });
    expect(restored.json().restored).toBe(1);
    const version1 = (await accord.request({ url: `/api/policies/${policyId}/versions/1`, cookie: cookies.officer })).json().version;
    await eventually(
      () => hashOfClient(officer.doc) === version1.contentHash && hashOfClient(citizen.doc) === version1.contentHash,
      "both editors see version 1",
    );

    // The typed sentence is kept by the new version, whole: its text, hash and Yjs state.
    const kept = (await accord.request({ url: `/api/policies/${policyId}/versions/${saved.number}`, cookie: cookies.citizen })).json()
      .version;
    expect(JSON.stringify(kept.content)).toContain("A sentence typed after the latest version.");
    const row = await accord.database.db
      .selectFrom("policy_versions")
      .selectAll()
      .where("policy_id", "=", policyId)
      .where("number", "=", saved.number)
      .executeTakeFirstOrThrow();
    expect(canonicalizeDocument(decodeDraftContent(new Uint8Array(row.yjs_state))).hash).toBe(typedHash);
    expect(new Date(row.created_at).toISOString()).toBe(accord.clock.now().toISOString());

    // In the audit trail, the save comes first, then the restore that names it.
    const events = (await listAuditEvents(accord.database.db)).filter(
      (event) => event.action === "version.saved" || event.action === "version.restored",
    );
    expect(events.slice(-2)).toMatchObject([
      { action: "version.saved", payload: { versionNumber: saved.number, contentHash: typedHash, label: "Draft before restoring v1" } },
      { action: "version.restored", payload: { versionNumber: 1, contentHash: version1.contentHash, savedVersionNumber: saved.number } },
    ]);
    await eventually(() => heard.some((event) => event.kind === "version-restored"), "the other editor is told");
    expect(heard).toEqual([
      { kind: "version-restored", versionNumber: 1, restoredBy: "Sgt. Marcus Reyes", savedVersionNumber: saved.number },
    ]);

    // The draft is now exactly version 1, which keeps it: restoring another saves nothing more.
    const back = await accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/versions/${saved.number}/restore`,
      cookie: cookies.citizen,
    });
    expect(back.json()).toEqual({ restored: saved.number, savedVersion: null });
    await eventually(() => hashOfClient(officer.doc) === typedHash, "the typed sentence is back");
    const numbers = (await accord.request({ url: `/api/policies/${policyId}/versions`, cookie: cookies.officer }))
      .json()
      .versions.map((version: { number: number }) => version.number);
    expect(numbers[0]).toBe(saved.number);
  });
});
