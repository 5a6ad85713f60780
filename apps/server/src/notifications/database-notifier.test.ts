import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import { seedDemoData, demoPolicySlug } from "../seed/demo-data.js";
import { insertAccount } from "../storage/accounts.js";
import type { Database } from "../storage/database.js";
import {
  claimPendingEmails,
  failExhaustedEmails,
  listNotificationsForUser,
  markAllNotificationsRead,
  markNotificationRead,
  releaseEmailClaims,
  renewEmailClaim,
} from "../storage/notifications.js";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { saveEmailChoices } from "../storage/notification-preferences.js";
import { DatabaseNotifier } from "./database-notifier.js";
import type { NotificationInput } from "./notifier.js";

const start = new Date("2026-11-27T12:00:00.000Z");
const minutesLater = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

/** A fresh account of its own, so that no other test's or the seed's notifications are counted. */
async function buildUser(db: Kysely<Database>, options: { disabled?: boolean } = {}): Promise<string> {
  const id = crypto.randomUUID();
  await insertAccount(db, {
    id,
    email: `person-${id}@accord.test`,
    display_name: `Person ${id.slice(0, 8)}`,
    password_hash: "not a real hash",
    created_at: start,
    password_changed_at: start,
    disabled_at: options.disabled ? start : null,
  });
  return id;
}

function buildInput(policyId: string, recipientIds: string[], overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    recipientIds,
    actorId: null,
    kind: "signoff_requested",
    policyId,
    proposalId: null,
    title: "Your sign-off is requested on version 7",
    body: "Sgt. Reyes proposed version 7 for sign-off.",
    link: `/app/policies/${policyId}`,
    ...overrides,
  };
}

describe.each(testDatabaseKinds())("in-app notifications and their outbox on %s", (kind) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let policyId = "";
  /** One claimer's claim, leased for a minute. */
  const claim = { limit: 10, maxAttempts: 3, claimer: "this process", leaseMs: 60_000 };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await seedDemoData(db, start);
    policyId = (await db.selectFrom("policies").select("id").where("slug", "=", demoPolicySlug).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => database.close());

  const emailStatuses = async (userIds: string[]) =>
    db.selectFrom("notifications").select(["user_id", "email_status"]).where("user_id", "in", userIds).execute();

  it("writes one row per recipient, once each, and none for a disabled account", async () => {
    const [officer, citizen, gone] = [await buildUser(db), await buildUser(db), await buildUser(db, { disabled: true })];
    let woken = 0;
    const notifier = new DatabaseNotifier({ emailEnabled: true, onQueued: () => (woken += 1) });
    await db.transaction().execute((trx) => notifier.notify(trx, buildInput(policyId, [officer, citizen, officer, gone]), start));

    const rows = await emailStatuses([officer, citizen, gone]);
    expect(rows.map((row) => row.user_id).sort()).toEqual([officer, citizen].sort());
    expect(rows.every((row) => row.email_status === "pending")).toBe(true);
    expect(woken).toBe(1);
  });

  it("marks the e-mail skipped when e-mail is not configured, and wakes nobody", async () => {
    const person = await buildUser(db);
    let woken = 0;
    const notifier = new DatabaseNotifier({ emailEnabled: false, onQueued: () => (woken += 1) });
    await db.transaction().execute((trx) => notifier.notify(trx, buildInput(policyId, [person]), start));
    expect(await emailStatuses([person])).toEqual([{ user_id: person, email_status: "skipped" }]);
    expect(woken).toBe(0);
  });

  it("never tells the actor of their own action, nor a named id that is no account's", async () => {
    const [actor, other] = [await buildUser(db), await buildUser(db)];
    const notifier = new DatabaseNotifier({ emailEnabled: true });
    // A suggestion mark may name any author: a string that is not a UUID must not fail the transaction.
    const input = buildInput(policyId, [actor, other, "not-an-account"], { actorId: actor, kind: "suggestion_accepted" });
    await db.transaction().execute((trx) => notifier.notify(trx, input, start));
    expect(await emailStatuses([actor, other])).toEqual([{ user_id: other, email_status: "pending" }]);
  });

  it("queues no e-mail of a kind its recipient turned off, and still notifies them in the app", async () => {
    const [quiet, keen] = [await buildUser(db), await buildUser(db)];
    await saveEmailChoices(
      db,
      quiet,
      new Map([
        ["thread_reply", false],
        ["mentioned", true],
      ]),
      start,
    );
    let woken = 0;
    const notifier = new DatabaseNotifier({ emailEnabled: true, onQueued: () => (woken += 1) });
    await db.transaction().execute((trx) => notifier.notify(trx, buildInput(policyId, [quiet, keen], { kind: "thread_reply" }), start));
    expect(await emailStatuses([quiet])).toEqual([{ user_id: quiet, email_status: "skipped" }]);
    expect(await emailStatuses([keen])).toEqual([{ user_id: keen, email_status: "pending" }]);
    expect(woken).toBe(1);
    // Only quiet, for that kind: nothing to send wakes no one.
    await db
      .transaction()
      .execute((trx) => notifier.notify(trx, buildInput(policyId, [quiet], { kind: "thread_reply", title: "again" }), start));
    expect(woken).toBe(1);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const person = await buildUser(db);
    const notifier = new DatabaseNotifier({ emailEnabled: true });
    await expect(
      db.transaction().execute(async (trx) => {
        await notifier.notify(trx, buildInput(policyId, [person]), start);
        throw new Error("the decision failed");
      }),
    ).rejects.toThrow("the decision failed");
    expect(await emailStatuses([person])).toEqual([]);
  });

  it("lists a person's notifications newest first, limited, with the unread count of all of them", async () => {
    const person = await buildUser(db);
    const notifier = new DatabaseNotifier({ emailEnabled: false });
    for (const minute of [1, 3, 2]) {
      await notifier.notify(db, buildInput(policyId, [person], { title: `at minute ${minute}` }), minutesLater(minute));
    }
    const { notifications, unread } = await listNotificationsForUser(db, person, 2);
    expect(notifications.map((row) => row.title)).toEqual(["at minute 3", "at minute 2"]);
    expect(unread).toBe(3);
  });

  it("marks only the owner's notification read, and keeps the time it was first read", async () => {
    const [owner, stranger] = [await buildUser(db), await buildUser(db)];
    await new DatabaseNotifier({ emailEnabled: false }).notify(db, buildInput(policyId, [owner]), start);
    const [row] = (await listNotificationsForUser(db, owner, 10)).notifications;

    expect(await markNotificationRead(db, stranger, row!.id, minutesLater(1))).toBe(false);
    expect(await markNotificationRead(db, owner, crypto.randomUUID(), minutesLater(1))).toBe(false);
    expect((await listNotificationsForUser(db, owner, 10)).unread).toBe(1);

    expect(await markNotificationRead(db, owner, row!.id, minutesLater(2))).toBe(true);
    expect(await markNotificationRead(db, owner, row!.id, minutesLater(5))).toBe(true);
    const [read] = (await listNotificationsForUser(db, owner, 10)).notifications;
    expect(read?.read_at?.toISOString()).toBe(minutesLater(2).toISOString());
  });

  it("marks all of one person's notifications read and nobody else's", async () => {
    const [person, other] = [await buildUser(db), await buildUser(db)];
    const notifier = new DatabaseNotifier({ emailEnabled: false });
    await notifier.notify(db, buildInput(policyId, [person, other]), start);
    await notifier.notify(db, buildInput(policyId, [person]), minutesLater(1));

    expect(await markAllNotificationsRead(db, person, minutesLater(2))).toBe(2);
    expect(await markAllNotificationsRead(db, person, minutesLater(3))).toBe(0);
    expect((await listNotificationsForUser(db, person, 10)).unread).toBe(0);
    expect((await listNotificationsForUser(db, other, 10)).unread).toBe(1);
  });

  it("claims pending e-mails oldest first, counting the attempt, and gives back unattempted claims", async () => {
    await db.updateTable("notifications").set({ email_status: "skipped" }).where("email_status", "=", "pending").execute();
    const person = await buildUser(db);
    const notifier = new DatabaseNotifier({ emailEnabled: true });
    await notifier.notify(db, buildInput(policyId, [person], { title: "second" }), minutesLater(2));
    await notifier.notify(db, buildInput(policyId, [person], { title: "first" }), minutesLater(1));

    const claimed = await claimPendingEmails(db, claim);
    expect(claimed.map((email) => [email.title, email.attempts, email.recipientEmail])).toEqual([
      ["first", 1, `person-${person}@accord.test`],
      ["second", 1, `person-${person}@accord.test`],
    ]);
    // Both are leased: no claimer (another process, or this one) takes them again while the lease holds.
    expect(await claimPendingEmails(db, { ...claim, claimer: "another process" })).toEqual([]);

    await releaseEmailClaims(db, [claimed[1]!.id]);
    expect(await claimPendingEmails(db, { ...claim, excludeIds: [claimed[1]!.id] })).toEqual([]);
    const again = await claimPendingEmails(db, { ...claim, claimer: "another process" });
    expect(again.map((email) => [email.title, email.attempts])).toEqual([["second", 1]]);
  });

  it("takes an e-mail again once its claimer's lease ran out (the claimer crashed), and the old claimer may not send it", async () => {
    await db.updateTable("notifications").set({ email_status: "skipped" }).where("email_status", "=", "pending").execute();
    const person = await buildUser(db);
    await new DatabaseNotifier({ emailEnabled: true }).notify(db, buildInput(policyId, [person], { title: "leased" }), minutesLater(1));

    const [crashed] = await claimPendingEmails(db, { ...claim, claimer: "crashed", leaseMs: 0 });
    expect(crashed?.title).toBe("leased");
    const [taken] = await claimPendingEmails(db, { ...claim, claimer: "survivor" });
    expect([taken?.id, taken?.attempts]).toEqual([crashed!.id, 2]);
    expect(await renewEmailClaim(db, crashed!.id, "crashed", 60_000)).toBe(false);
    expect(await renewEmailClaim(db, crashed!.id, "survivor", 60_000)).toBe(true);
  });

  // PGlite has one connection, so a second transaction cannot hold a lock beside the claim there.
  // Only PostgreSQL has several connections, so only there can two claimers meet; PGlite has one.
  const onPostgres = (name: string, test: () => Promise<void>) => {
    if (kind === "postgres") it(name, test);
  };
  onPostgres("skips e-mails another claimer holds locked instead of waiting for them", async () => {
    await db.updateTable("notifications").set({ email_status: "skipped" }).where("email_status", "=", "pending").execute();
    const person = await buildUser(db);
    const notifier = new DatabaseNotifier({ emailEnabled: true });
    await notifier.notify(db, buildInput(policyId, [person], { title: "held" }), minutesLater(1));
    await notifier.notify(db, buildInput(policyId, [person], { title: "free" }), minutesLater(2));

    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction().execute(async (trx) => {
      await trx.selectFrom("notifications").select("id").where("title", "=", "held").where("user_id", "=", person).forUpdate().execute();
      locked();
      await released;
    });
    await isLocked;
    const claimed = await claimPendingEmails(db, claim);
    release();
    await holder;
    expect(claimed.map((email) => email.title)).toEqual(["free"]);
  });

  it("never claims an e-mail that used all its attempts, and fails it when swept", async () => {
    await db.updateTable("notifications").set({ email_status: "skipped" }).where("email_status", "=", "pending").execute();
    const person = await buildUser(db);
    await new DatabaseNotifier({ emailEnabled: true }).notify(db, buildInput(policyId, [person]), start);
    await db.updateTable("notifications").set({ email_attempts: 3 }).where("user_id", "=", person).execute();

    expect(await claimPendingEmails(db, claim)).toEqual([]);
    expect(await failExhaustedEmails(db, 3)).toBe(1);
    expect(await emailStatuses([person])).toEqual([{ user_id: person, email_status: "failed" }]);
  });
});
