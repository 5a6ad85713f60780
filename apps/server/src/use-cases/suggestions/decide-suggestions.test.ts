import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { CurrentUser } from "../../auth/sessions.js";
import { LoginThrottleStore } from "../../auth/login-throttle-store.js";
import { createCollabCore } from "../../collab/collab-core.js";
import { CollabLiveDrafts } from "../../collab/live-drafts.js";
import { InProcessEventBus } from "../../events/in-process-event-bus.js";
import { DatabaseNotifier } from "../../notifications/database-notifier.js";
import { findAccountByEmail } from "../../storage/accounts.js";
import { listAuditEvents } from "../../storage/audit-events.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import type { UseCaseContext } from "../context.js";
import { decideSuggestions } from "./decide-suggestions.js";

/**
 * Live drafts whose server-made change finds what it looks for on a copy of the committed draft but
 * reports that nothing changed, as `applyServerChange` does when the change yields no Yjs update.
 */
class LiveDraftsThatChangeNothing extends CollabLiveDrafts {
  override async applyServerChange(policyId: string, change: (doc: Y.Doc) => void): Promise<boolean> {
    const state = await this.committedState(policyId);
    if (!state) throw new Error(`No draft for ${policyId}.`);
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, state);
      copy.transact(() => change(copy));
    } finally {
      copy.destroy();
    }
    return false;
  }
}

describe.each(testDatabaseKinds())("deciding suggestions on %s", (kind) => {
  let accord: TestAccord;
  let context: UseCaseContext;
  let facilitator: CurrentUser;
  let policyId = "";

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    const db = accord.database.db;
    const { registry } = createCollabCore({ db, log: accord.app.log, now: accord.clock.now, compactAfterUpdates: 1000 });
    context = {
      db,
      now: accord.clock.now,
      sessionLifetime: accord.config.sessionLifetime,
      loginThrottle: new LoginThrottleStore(accord.config.loginThrottle, accord.clock.now),
      events: new InProcessEventBus(),
      liveDrafts: new LiveDraftsThatChangeNothing(db, registry),
      notifier: new DatabaseNotifier({ emailEnabled: false, onQueued: () => undefined }),
    };
    const account = await findAccountByEmail(db, "facilitator@accord.test");
    if (!account) throw new Error("The demo data has no facilitator.");
    facilitator = {
      id: account.id,
      email: account.email,
      displayName: account.display_name,
      isFacilitator: account.is_facilitator,
      sessionId: "test",
    };
    const policy = await db.selectFrom("policies").select("id").where("slug", "=", "body-worn-cameras").executeTakeFirstOrThrow();
    policyId = policy.id;
  });
  afterAll(async () => {
    await accord.close();
  });

  it("answers suggestion_not_found and records nothing when the decision changes nothing in the draft", async () => {
    const cookie = await accord.logIn("facilitator@accord.test");
    const pending = (await accord.request({ url: `/api/policies/${policyId}/suggestions`, cookie })).json().suggestions as { id: string }[];
    expect(pending.length).toBeGreaterThan(0);
    const countDecisions = async () =>
      (await accord.database.db.selectFrom("suggestion_decisions").select("id").where("policy_id", "=", policyId).execute()).length;
    const decisionsBefore = await countDecisions();
    const auditBefore = (await listAuditEvents(accord.database.db)).length;

    await expect(
      decideSuggestions(context, facilitator, policyId, { decision: "accept", suggestionIds: [pending[0]!.id] }),
    ).rejects.toMatchObject({
      code: "suggestion_not_found",
      status: 404,
      // The suggestion was found; only the empty change makes the answer.
      message: expect.stringContaining("changed nothing"),
    });
    expect(await countDecisions()).toBe(decisionsBefore);
    expect(await listAuditEvents(accord.database.db)).toHaveLength(auditBefore);
  });
});
