import Fastify, { type FastifyInstance, type InjectOptions } from "fastify";
import fastifyCookie from "@fastify/cookie";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSessionLifetime } from "@accord/domain";
import { RequestAccess } from "../access/request-access.js";
import { issueSession } from "../auth/sessions.js";
import { DatabaseNotifier } from "../notifications/database-notifier.js";
import { errorHandlerPlugin } from "../plugins/error-handler.js";
import { originGuardPlugin } from "../plugins/origin-guard.js";
import { responseContractPlugin } from "../plugins/response-contract.js";
import { sessionAuthPlugin } from "../plugins/session-auth.js";
import { demoPolicySlug, seedDemoData } from "../seed/demo-data.js";
import { insertAccount } from "../storage/accounts.js";
import type { Database } from "../storage/database.js";
import { TestClock, testOrigin } from "@accord/test-support/test-app.js";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { notificationRoutes } from "./notifications.js";

/**
 * The notification routes on a Fastify instance with the app's own error handler, origin guard and
 * session plugin, so that the test does not depend on how app.ts mounts them.
 */
async function buildHarness(db: Kysely<Database>, clock: TestClock): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(errorHandlerPlugin);
  // As in every test app: each answer is checked against the route's declared schema.
  await app.register(responseContractPlugin);
  await app.register(fastifyCookie);
  const access = new RequestAccess({
    db,
    now: clock.now,
    sessionLifetime: defaultSessionLifetime,
    production: false,
    origins: { publicOrigin: testOrigin, allowedOrigins: [], acceptOwnHost: false },
  });
  await app.register(originGuardPlugin, { access });
  await app.register(sessionAuthPlugin, { access });
  await app.register(notificationRoutes, { context: { db, now: clock.now } });
  await app.ready();
  return app;
}

describe.each(testDatabaseKinds())("notification routes on %s", (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const clock = new TestClock();
  let policyId = "";
  const people: Record<"reader" | "other", { id: string; cookie: string }> = {
    reader: { id: "", cookie: "" },
    other: { id: "", cookie: "" },
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoData(database.db, clock.now());
    policyId = (await database.db.selectFrom("policies").select("id").where("slug", "=", demoPolicySlug).executeTakeFirstOrThrow()).id;
    for (const name of ["reader", "other"] as const) {
      const id = crypto.randomUUID();
      const at = clock.now();
      await insertAccount(database.db, {
        id,
        email: `${name}@notifications.test`,
        display_name: name,
        password_hash: "x",
        created_at: at,
        password_changed_at: at,
      });
      const session = await issueSession(database.db, id, at, defaultSessionLifetime);
      people[name] = { id, cookie: `accord_session=${session.token}` };
    }
    const notifier = new DatabaseNotifier({ emailEnabled: false });
    for (const [index, title] of ["Sign-off requested", "Objection raised", "Approved"].entries()) {
      await notifier.notify(
        database.db,
        {
          recipientIds: [people.reader.id, people.other.id],
          actorId: null,
          kind: "signoff_requested",
          policyId,
          proposalId: null,
          title,
          body: `${title}.`,
          link: `/app/policies/${policyId}`,
        },
        new Date(clock.now().getTime() + index * 60_000),
      );
    }
    app = await buildHarness(database.db, clock);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const request = (who: keyof typeof people | null, options: InjectOptions) =>
    app.inject({
      ...options,
      headers: { ...(who ? { cookie: people[who].cookie } : {}), ...(options.method === "POST" ? { origin: testOrigin } : {}) },
    });
  const list = async (who: keyof typeof people, query = "") => (await request(who, { url: `/api/notifications${query}` })).json();

  it("asks for sign-in on every route", async () => {
    for (const [method, url] of [
      ["GET", "/api/notifications"],
      ["POST", "/api/notifications/read-all"],
      ["POST", `/api/notifications/${crypto.randomUUID()}/read`],
    ] as const) {
      const response = await request(null, { method, url });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("unauthenticated");
    }
  });

  it("lists my notifications newest first, with the unread count, and no e-mail state", async () => {
    const response = await request("reader", { url: "/api/notifications" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.json();
    expect(body.unread).toBe(3);
    expect(body.notifications.map((notification: { title: string }) => notification.title)).toEqual([
      "Approved",
      "Objection raised",
      "Sign-off requested",
    ]);
    expect(body.notifications[0]).toEqual({
      id: expect.any(String),
      kind: "signoff_requested",
      policyId,
      proposalId: null,
      title: "Approved",
      body: "Approved.",
      link: `/app/policies/${policyId}`,
      createdAt: new Date(clock.now().getTime() + 120_000).toISOString(),
      read: false,
      obsolete: false,
    });
  });

  it("limits the list but counts every unread notification", async () => {
    const body = await list("reader", "?limit=1");
    expect(body.notifications).toHaveLength(1);
    expect(body.unread).toBe(3);
    for (const query of ["?limit=0", "?limit=many", "?other=1"]) {
      const response = await request("reader", { url: `/api/notifications${query}` });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe("validation_failed");
    }
  });

  it("marks one of mine read, and answers someone else's id like one that does not exist", async () => {
    const [newest] = (await list("reader")).notifications;
    const [theirs] = (await list("other")).notifications;

    const mine = await request("reader", { method: "POST", url: `/api/notifications/${newest.id}/read` });
    expect(mine.statusCode).toBe(204);
    expect(mine.body).toBe("");
    expect(await list("reader")).toMatchObject({
      unread: 2,
      notifications: [{ id: newest.id, read: true }, { read: false }, { read: false }],
    });
    expect((await request("reader", { method: "POST", url: `/api/notifications/${newest.id}/read` })).statusCode).toBe(204);

    for (const id of [theirs.id, crypto.randomUUID()]) {
      const refused = await request("reader", { method: "POST", url: `/api/notifications/${id}/read` });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe("not_found");
    }
    expect((await list("other")).unread).toBe(3);
    expect((await request("reader", { method: "POST", url: "/api/notifications/not-a-uuid/read" })).statusCode).toBe(400);
  });

  it("marks all of mine read and leaves everyone else's alone", async () => {
    const response = await request("reader", { method: "POST", url: "/api/notifications/read-all" });
    expect(response.statusCode).toBe(204);
    expect(await list("reader")).toMatchObject({ unread: 0 });
    expect((await list("reader")).notifications.every((notification: { read: boolean }) => notification.read)).toBe(true);
    expect((await list("other")).unread).toBe(3);
  });
});
