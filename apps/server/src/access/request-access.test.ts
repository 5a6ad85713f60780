import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSessionLifetime, isAccordError } from "@accord/domain";
import type { Kysely } from "kysely";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { issueSession } from "../auth/sessions.js";
import { seedDemoData } from "../seed/demo-data.js";
import type { Database } from "../storage/database.js";
import { RequestAccess, type SessionDraftAccess } from "./request-access.js";

// What a collaboration socket asks at its upgrade and at every re-check: whose session, and what they may
// do with the policy's draft (the permission table), read in one statement.
describe.each(testDatabaseKinds())("a session with its draft access on %s", (kind) => {
  let database: TestDatabase;
  const signedInAt = new Date("2026-11-27T12:00:00.000Z");
  let now = signedInAt;
  let policyId = "";
  let statements = 0;
  let access: RequestAccess;
  const tokens = new Map<string, string>();

  /** The database, counting each statement it is sent (a Kysely plugin sees every query it builds). */
  function counting(db: Kysely<Database>): Kysely<Database> {
    return db.withPlugin({
      transformQuery: (args) => {
        statements += 1;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
  }

  const ask = (email: string, policy = policyId) => access.sessionWithDraftAccess({ token: tokens.get(email) ?? "" }, policy);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => "allowed",
      (error: unknown) => (isAccordError(error) ? error.code : String(error)),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, signedInAt);
    policyId = (
      await database.db.selectFrom("policies").select("id").where("title", "=", "Body-Worn Camera Policy").executeTakeFirstOrThrow()
    ).id;
    for (const email of [
      "officer@accord.test",
      "advocate@accord.test",
      "observer@accord.test",
      "union@accord.test",
      "facilitator@accord.test",
    ]) {
      const account = await database.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
      tokens.set(email, (await issueSession(database.db, account.id, signedInAt, defaultSessionLifetime)).token);
    }
    const stranger = await database.db
      .insertInto("users")
      .values({
        id: crypto.randomUUID(),
        email: "stranger@accord.test",
        display_name: "Stranger",
        password_hash: "not used",
        disabled_at: null,
        created_at: signedInAt,
        password_changed_at: signedInAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    tokens.set("stranger@accord.test", (await issueSession(database.db, stranger.id, signedInAt, defaultSessionLifetime)).token);
    access = new RequestAccess({
      db: counting(database.db),
      now: () => now,
      sessionLifetime: defaultSessionLifetime,
      production: false,
      origins: { publicOrigin: null, allowedOrigins: [], acceptOwnHost: true },
    });
  });
  afterAll(() => database.close());

  it("gives an editor's, a commenter's, a viewer's and a representative's access, each in one statement", async () => {
    const expected: Record<string, Pick<SessionDraftAccess["access"], "canEdit" | "canSuggest" | "affiliation">> = {
      "officer@accord.test": { canEdit: true, canSuggest: true, affiliation: "police" },
      "advocate@accord.test": { canEdit: false, canSuggest: true, affiliation: "community" },
      "observer@accord.test": { canEdit: false, canSuggest: false, affiliation: "citizen" },
      "union@accord.test": { canEdit: false, canSuggest: false, affiliation: null },
    };
    for (const [email, rights] of Object.entries(expected)) {
      statements = 0;
      const found = await ask(email);
      expect(statements, email).toBe(1);
      expect(found?.access, email).toMatchObject({ policyId, ...rights });
      expect(found?.access.user.email).toBe(email);
      expect(found?.session.user.sessionId).toBe(found?.access.user.sessionId);
    }
  });

  it("names the policy by its stored id when asked with the id in capitals", async () => {
    const found = await ask("officer@accord.test", policyId.toUpperCase());
    expect(found?.access.policyId).toBe(policyId);
  });

  it("refuses with not_found a person who may not read the policy, and a policy that is not there", async () => {
    expect(await refusal(ask("stranger@accord.test"))).toBe("not_found");
    expect(await refusal(ask("officer@accord.test", crypto.randomUUID()))).toBe("not_found");
    expect(await refusal(ask("officer@accord.test", "not-a-policy-id"))).toBe("not_found");
  });

  it("answers null, not not_found, for a session that does not hold, whatever the policy", async () => {
    expect(await ask("nobody@accord.test")).toBeNull();
    expect(await ask("nobody@accord.test", crypto.randomUUID())).toBeNull();
    expect(await ask("nobody@accord.test", "not-a-policy-id")).toBeNull();
  });

  it("ends a session that has been idle too long, and finds it by its stored id no more", async () => {
    const facilitator = await ask("facilitator@accord.test");
    expect(facilitator?.access).toMatchObject({ canEdit: true, canSuggest: true, affiliation: null });
    const sessionId = facilitator?.session.user.sessionId ?? "";
    now = new Date(signedInAt.getTime() + defaultSessionLifetime.idleTimeoutMs + 1);
    try {
      expect(await access.sessionWithDraftAccess({ sessionId }, policyId)).toBeNull();
      expect(await database.db.selectFrom("sessions").select("id").where("id", "=", sessionId).executeTakeFirst()).toBeUndefined();
    } finally {
      now = signedInAt;
    }
  });
});
