import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../storage/audit-events.js";
import { appendDraftUpdates, type DraftWrite } from "../storage/drafts.js";
import {
  appendParagraph,
  appendRuns,
  connectProvider,
  draftText,
  eventually,
  type ProviderClient,
} from "@accord/test-support/collab-clients.js";
import { createPolicyWithWorkingGroup } from "@accord/test-support/suggestion-scene.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

/** A PostgreSQL error as pg and PGlite raise it: a message and its SQLSTATE in `code`. */
const databaseError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe.each(testDatabaseKinds())("server-made changes to a live draft, and what the database refuses (%s)", (kind) => {
  let accord: TestAccord;
  let origin = "";
  const cookies: Record<string, string> = {};
  const providers: ProviderClient[] = [];
  /** Decides how each batch is written; by default as in production. */
  let appendBatch: (rows: readonly DraftWrite[]) => Promise<number[]>;
  const writeNormally = (rows: readonly DraftWrite[]) => appendDraftUpdates(accord.database.db, rows);

  const carriesDecision = (rows: readonly DraftWrite[]) => rows.some((row) => row.audit !== undefined);
  const decide = (policyId: string, suggestionIds: string[]) =>
    accord.request({
      method: "POST",
      url: `/api/policies/${policyId}/suggestions/decisions`,
      cookie: cookies.officer,
      payload: { decision: "accept", suggestionIds },
    });
  const decisionRows = (policyId: string) =>
    accord.database.db.selectFrom("suggestion_decisions").selectAll().where("policy_id", "=", policyId).execute();
  const serverText = (policyId: string) => draftText(accord.app.collabRegistry.peek(policyId)!.ydoc);

  /** A fresh policy whose draft holds one suggestion by the citizen, "i-cit", and an editor who stays connected. */
  async function sceneWithSuggestion(title: string): Promise<{ policyId: string; editor: ProviderClient }> {
    const { policyId, userIds } = await createPolicyWithWorkingGroup(accord, cookies.facilitator!, title);
    const editor = connectProvider(origin, policyId, cookies.officer!);
    providers.push(editor);
    await editor.synced;
    const mark = { insertion: { id: "i-cit", author: userIds.citizen, affiliation: "citizen", time: "2026-11-26T10:00:00.000Z" } };
    appendRuns(editor.doc, [["Officers keep a log. "], ["Each entry is signed.", mark]]);
    await eventually(() => serverText(policyId).includes("Each entry is signed."), "the suggestion is committed");
    return { policyId, editor };
  }

  beforeAll(async () => {
    appendBatch = writeNormally;
    accord = await startTestAccord(kind, {
      env: { COLLAB_RECHECK_SECONDS: "60" },
      deps: { wrapDraftStore: (store) => ({ ...store, append: (rows) => appendBatch(rows) }) },
    });
    origin = await accord.listen();
    for (const name of ["facilitator", "officer"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
  });
  afterEach(() => {
    appendBatch = writeNormally;
    for (const provider of providers.splice(0)) provider.destroy();
  });
  afterAll(() => accord.close());

  it("decides a suggestion once when two editors accept it at the same moment: one 200, one 404, one record", async () => {
    const { policyId } = await sceneWithSuggestion("Concurrent Accepts");
    // A slow commit: the second request arrives while the first is still being written.
    appendBatch = async (rows) => {
      if (carriesDecision(rows)) await new Promise((resolve) => setTimeout(resolve, 150));
      return writeNormally(rows);
    };
    const responses = await Promise.all([decide(policyId, ["i-cit"]), decide(policyId, ["i-cit"])]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 404]);
    expect(responses.find((response) => response.statusCode === 404)!.json().error.code).toBe("suggestion_not_found");
    expect(await decisionRows(policyId)).toHaveLength(1);
    const audit = (await listAuditEvents(accord.database.db)).filter(
      (event) => event.action === "suggestions.accepted" && event.subjectId === policyId,
    );
    expect(audit).toHaveLength(1);
  });

  it("fails only the change whose rows the database refuses (a data error), answers 500, and commits the rest of its batch", async () => {
    const { policyId, editor } = await sceneWithSuggestion("Refused Rows");
    let releaseGate = () => undefined as void;
    const gate = new Promise<void>((resolve) => (releaseGate = resolve));
    const refusedBatchSizes: number[] = [];
    appendBatch = async (rows) => {
      await gate;
      if (carriesDecision(rows)) {
        refusedBatchSizes.push(rows.length);
        throw databaseError("23514", 'new row for relation "suggestion_decisions" violates check constraint');
      }
      return writeNormally(rows);
    };
    // The first batch waits at the gate; the decision and an editor's next paragraph queue up behind it.
    appendParagraph(editor.doc, "Written before the decision.");
    await eventually(() => accord.app.collabRegistry.peek(policyId)!.inFlight.size === 1, "the first paragraph is being committed");
    const deciding = decide(policyId, ["i-cit"]);
    await eventually(() => accord.app.collabRegistry.peek(policyId)!.inFlight.size === 2, "the decision is queued");
    appendParagraph(editor.doc, "Written after the decision.");
    await eventually(() => accord.app.collabRegistry.peek(policyId)!.inFlight.size === 3, "the next paragraph is queued");
    releaseGate();

    const response = await deciding;
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe("internal_error");
    // Tried with the paragraph, then alone; never again.
    expect(refusedBatchSizes).toEqual([2, 1]);
    await eventually(() => serverText(policyId).includes("Written after the decision."), "the paragraph after it is committed");
    expect(await decisionRows(policyId)).toEqual([]);
    const stored = JSON.stringify(
      (await accord.request({ url: `/api/policies/${policyId}/draft`, cookie: cookies.officer })).json().draft.content,
    );
    expect(stored).toContain("Written before the decision.");
    expect(stored).toContain("Written after the decision.");
    expect(stored).toContain('"id":"i-cit"');

    // Nothing is stuck: once the database takes the rows, the same decision goes through.
    appendBatch = writeNormally;
    expect((await decide(policyId, ["i-cit"])).statusCode).toBe(200);
    expect(await decisionRows(policyId)).toHaveLength(1);
  });

  it("keeps retrying a change while the database fails for a passing reason (a serialization failure), then commits it", async () => {
    const { policyId } = await sceneWithSuggestion("Transient Failure");
    let failuresLeft = 2;
    appendBatch = async (rows) => {
      if (carriesDecision(rows) && failuresLeft-- > 0) throw databaseError("40001", "could not serialize access due to concurrent update");
      return writeNormally(rows);
    };
    expect((await decide(policyId, ["i-cit"])).statusCode).toBe(200);
    expect(failuresLeft).toBe(-1);
    expect(await decisionRows(policyId)).toHaveLength(1);
  });
});
