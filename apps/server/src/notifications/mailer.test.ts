import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { demoPolicySlug, seedDemoData } from "../seed/demo-data.js";
import { insertAccount } from "../storage/accounts.js";
import { claimPendingEmails } from "../storage/notifications.js";
import type { Database } from "../storage/database.js";
import { startSmtpSink, type SmtpSink } from "@accord/test-support/smtp-sink.js";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@accord/test-support/test-database.js";
import { DatabaseNotifier } from "./database-notifier.js";
import { Mailer, type MailerOptions } from "./mailer.js";

const publicOrigin = "http://accord.test";
const sentAt = new Date("2026-11-27T12:30:00.000Z");

/** The decoded text of one part (text/plain or text/html) of a received multipart message. */
function mimePart(raw: string, type: "text/plain" | "text/html"): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  for (const part of raw.split(`--${boundary}`)) {
    const [head = "", ...rest] = part.split(/\r?\n\r?\n/);
    if (!head.toLowerCase().includes(`content-type: ${type}`)) continue;
    const content = rest.join("\r\n\r\n");
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (encoding === "base64") return Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8");
    if (encoding !== "quoted-printable") return content;
    const bytes = content.replace(/=\r?\n/g, "").replace(/=([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  throw new Error(`The message has no ${type} part.`);
}

function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
  return new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1];
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("Timed out waiting.");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(testDatabaseKinds())("the e-mail outbox on %s", (kind) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let policyId = "";
  let sink: SmtpSink;
  const mailers: Mailer[] = [];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = database.db;
    await seedDemoData(db, sentAt);
    policyId = (await db.selectFrom("policies").select("id").where("slug", "=", demoPolicySlug).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    sink = await startSmtpSink();
    // Each test sees only its own pending e-mail.
    await db.updateTable("notifications").set({ email_status: "skipped" }).where("email_status", "=", "pending").execute();
    log.warn.mockClear();
    log.error.mockClear();
  });
  afterEach(async () => {
    await Promise.all(mailers.splice(0).map((mailer) => mailer.stop()));
    await sink.close();
  });

  function buildMailer(options: Partial<MailerOptions> = {}): Mailer {
    const mailer = new Mailer({
      db,
      smtp: { url: sink.url, from: "Accord <accord@accord.test>" },
      publicOrigin,
      log,
      now: () => sentAt,
      retryBaseMs: 30,
      ...options,
    });
    mailers.push(mailer);
    return mailer;
  }

  async function buildUser(name: string, options: { disabled?: boolean } = {}): Promise<{ id: string; email: string }> {
    const id = crypto.randomUUID();
    const email = `${name}-${id.slice(0, 8)}@accord.test`;
    const at = new Date(sentAt.getTime() - 60_000);
    await insertAccount(db, {
      id,
      email,
      display_name: name,
      password_hash: "x",
      created_at: at,
      password_changed_at: at,
      disabled_at: null,
    });
    if (options.disabled) await db.updateTable("users").set({ disabled_at: sentAt }).where("id", "=", id).execute();
    return { id, email };
  }

  async function notify(
    recipientIds: string[],
    title = "Your sign-off is requested on version 7",
    notifier = new DatabaseNotifier({ emailEnabled: true }),
  ) {
    await db.transaction().execute((trx) =>
      notifier.notify(
        trx,
        {
          recipientIds,
          actorId: null,
          kind: "signoff_requested",
          policyId,
          proposalId: null,
          title,
          body: "Please sign off.\n\nThank you.",
          link: `/app/policies/${policyId}`,
        },
        sentAt,
      ),
    );
  }

  const rowsOf = (userIds: string[]) =>
    db
      .selectFrom("notifications")
      .select(["user_id", "email_status", "email_attempts", "emailed_at"])
      .where("user_id", "in", userIds)
      .execute();

  it("e-mails each recipient the title as subject and the full link, and marks the e-mail sent", async () => {
    const [officer, citizen] = [await buildUser("officer"), await buildUser("citizen")];
    await notify([officer.id, citizen.id]);

    expect(await buildMailer().deliverPending()).toEqual({ sent: 2, retrying: 0, failed: 0, skipped: 0 });
    expect(sink.received.map((mail) => mail.recipients).sort()).toEqual([[citizen.email], [officer.email]].sort());
    const mail = sink.received.find((received) => received.recipients[0] === officer.email)!;
    const link = `${publicOrigin}/app/policies/${policyId}`;
    expect(header(mail.raw, "Subject")).toBe("Your sign-off is requested on version 7");
    expect(header(mail.raw, "From")).toBe("Accord <accord@accord.test>");
    expect(mimePart(mail.raw, "text/plain")).toContain(`Please sign off.\r\n\r\nThank you.`);
    expect(mimePart(mail.raw, "text/plain")).toContain(link);
    expect(mimePart(mail.raw, "text/html")).toContain(`<a href="${link}">`);
    expect(await rowsOf([officer.id, citizen.id])).toEqual([
      expect.objectContaining({ email_status: "sent", email_attempts: 1, emailed_at: sentAt }),
      expect.objectContaining({ email_status: "sent", email_attempts: 1, emailed_at: sentAt }),
    ]);
  });

  it("puts a link made as the e-mail goes out in place of the stored one, when the hook makes one", async () => {
    const [officer, citizen] = [await buildUser("officer"), await buildUser("citizen")];
    await notify([officer.id, citizen.id]);
    const asked: string[] = [];
    const mailer = buildMailer({
      linkAtSending: (email) => {
        asked.push(email.userId);
        expect(email.kind).toBe("signoff_requested");
        return Promise.resolve(email.userId === officer.id ? "/app/set-password?token=made-at-sending" : null);
      },
    });
    expect(await mailer.deliverPending()).toEqual({ sent: 2, retrying: 0, failed: 0, skipped: 0 });
    expect(asked.sort()).toEqual([officer.id, citizen.id].sort());
    const textTo = (address: string) => mimePart(sink.received.find((received) => received.recipients[0] === address)!.raw, "text/plain");
    expect(textTo(officer.email)).toContain(`${publicOrigin}/app/set-password?token=made-at-sending`);
    expect(textTo(officer.email)).not.toContain(`/app/policies/${policyId}`);
    expect(textTo(citizen.email)).toContain(`${publicOrigin}/app/policies/${policyId}`);
  });

  it("escapes a hostile title in the HTML part", async () => {
    const person = await buildUser("person");
    await notify([person.id], `<script>alert("owned")</script> & <b>bold</b>`);
    await buildMailer().deliverPending();
    const html = mimePart(sink.received[0]!.raw, "text/html");
    expect(html).toContain("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toMatch(/<script|<b>/i);
  });

  it("retries a refused e-mail after a growing wait, then marks it failed after the last attempt", async () => {
    const person = await buildUser("person");
    await notify([person.id]);
    sink.refuseWith = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
    const mailer = buildMailer({ maxAttempts: 3, retryBaseMs: 100 });

    expect(await mailer.deliverPending()).toMatchObject({ retrying: 1 });
    // Still waiting out its first delay: not tried again yet.
    expect(await mailer.deliverPending()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(await rowsOf([person.id])).toEqual([expect.objectContaining({ email_status: "pending", email_attempts: 1 })]);

    await waitFor(async () => (await mailer.deliverPending()).retrying === 1);
    await waitFor(async () => (await mailer.deliverPending()).failed === 1);
    expect(sink.refused).toBe(3);
    expect(await rowsOf([person.id])).toEqual([expect.objectContaining({ email_status: "failed", email_attempts: 3, emailed_at: null })]);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ attempts: 3 }), "gave up e-mailing a notification");
  });

  it("sends on a later attempt once the mail server accepts again", async () => {
    const person = await buildUser("person");
    await notify([person.id]);
    sink.refuseWith = new Error("Try again later");
    const mailer = buildMailer();
    expect(await mailer.deliverPending()).toMatchObject({ retrying: 1 });
    sink.refuseWith = null;
    await waitFor(async () => (await mailer.deliverPending()).sent === 1);
    expect(sink.received).toHaveLength(1);
    expect(await rowsOf([person.id])).toEqual([expect.objectContaining({ email_status: "sent", email_attempts: 2 })]);
  });

  it("counts an unreachable mail server as a failed attempt, and gives up after the last", async () => {
    const person = await buildUser("person");
    await notify([person.id]);
    await sink.close();
    const mailer = buildMailer({ maxAttempts: 2, retryBaseMs: 1 });
    expect(await mailer.deliverPending()).toMatchObject({ retrying: 1 });
    await waitFor(async () => (await mailer.deliverPending()).failed === 1);
    expect(await rowsOf([person.id])).toEqual([expect.objectContaining({ email_status: "failed", email_attempts: 2 })]);
    sink = await startSmtpSink();
  });

  it("signs in with the user and password of the SMTP URL", async () => {
    await sink.close();
    sink = await startSmtpSink({ user: "accord", pass: "s3cret" });
    const person = await buildUser("person");
    await notify([person.id]);
    expect(await buildMailer().deliverPending()).toMatchObject({ sent: 1 });
    expect(sink.received[0]?.recipients).toEqual([person.email]);
  });

  it("skips the e-mail of someone disabled after the notification was written", async () => {
    const person = await buildUser("person");
    await notify([person.id]);
    await db.updateTable("users").set({ disabled_at: sentAt }).where("id", "=", person.id).execute();
    expect(await buildMailer().deliverPending()).toMatchObject({ skipped: 1, sent: 0 });
    expect(sink.received).toEqual([]);
    expect(await rowsOf([person.id])).toEqual([expect.objectContaining({ email_status: "skipped" })]);
  });

  it("sends nothing when SMTP is not configured: the rows are marked skipped", async () => {
    const mailer = buildMailer({ smtp: null, publicOrigin: null });
    const person = await buildUser("person");
    await notify([person.id], "no e-mail", new DatabaseNotifier({ emailEnabled: mailer.enabled, onQueued: () => mailer.wake() }));
    mailer.start();
    expect(mailer.enabled).toBe(false);
    expect(await mailer.deliverPending()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(sink.received).toEqual([]);
    expect(await rowsOf([person.id])).toEqual([expect.objectContaining({ email_status: "skipped", email_attempts: 0 })]);
  });

  it("sends soon after being woken once started, and nothing after stop()", async () => {
    const mailer = buildMailer({ pollIntervalMs: 60_000, wakeDelayMs: 20 });
    const notifier = new DatabaseNotifier({ emailEnabled: true, onQueued: () => mailer.wake() });
    mailer.start();
    const person = await buildUser("person");
    await notify([person.id], "woken", notifier);
    await waitFor(async () => (await rowsOf([person.id]))[0]?.email_status === "sent");
    expect(sink.received).toHaveLength(1);

    await mailer.stop();
    const later = await buildUser("later");
    await notify([later.id], "after stop", notifier);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await mailer.deliverPending()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(sink.received).toHaveLength(1);
    expect(await rowsOf([later.id])).toEqual([expect.objectContaining({ email_status: "pending", email_attempts: 0 })]);
  });

  it("stop() waits for the e-mail in flight and gives back the rest of the batch untried", async () => {
    const [first, second] = [await buildUser("first"), await buildUser("second")];
    await notify([first.id]);
    await db.transaction().execute((trx) =>
      new DatabaseNotifier({ emailEnabled: true }).notify(
        trx,
        {
          recipientIds: [second.id],
          actorId: null,
          kind: "approved",
          policyId,
          proposalId: null,
          title: "later",
          body: "",
          link: "/app/",
        },
        new Date(sentAt.getTime() + 1000),
      ),
    );
    sink.answerDelayMs = 200;
    const started = new Promise<void>((resolve) => (sink.onMessageStarted = resolve));
    const mailer = buildMailer();
    const pass = mailer.deliverPending();
    await started;
    await mailer.stop();
    expect(await pass).toMatchObject({ sent: 1 });
    expect(sink.received.map((mail) => mail.recipients)).toEqual([[first.email]]);
    expect(await rowsOf([second.id])).toEqual([expect.objectContaining({ email_status: "pending", email_attempts: 0 })]);
  });

  it("sends each e-mail once when two processes' mailers share the outbox", async () => {
    const people = await Promise.all(Array.from({ length: 24 }, (_, index) => buildUser(`person${index}`)));
    await notify(people.map((person) => person.id));
    sink.answerDelayMs = 5;
    const [a, b] = [buildMailer({ batchSize: 4, claimerId: "process a" }), buildMailer({ batchSize: 4, claimerId: "process b" })];
    const reports = await Promise.all([a.deliverPending(), b.deliverPending(), a.deliverPending(), b.deliverPending()]);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(24);
    expect(sink.received.map((mail) => mail.recipients[0]).sort()).toEqual(people.map((person) => person.email).sort());
    expect((await rowsOf(people.map((person) => person.id))).map((row) => [row.email_status, row.email_attempts])).toEqual(
      people.map(() => ["sent", 1]),
    );
  });

  it("takes a crashed process's claimed e-mail again once its lease ran out, and sends it once", async () => {
    const person = await buildUser("person");
    await notify([person.id]);
    const claimed = await claimPendingEmails(db, { limit: 10, maxAttempts: 5, claimer: "crashed process", leaseMs: 300 });
    expect(claimed).toHaveLength(1);
    const survivor = buildMailer({ claimerId: "survivor" });
    // Leased by the crashed process: not taken while the lease holds.
    expect(await survivor.deliverPending()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    await waitFor(async () => (await survivor.deliverPending()).sent === 1);
    expect(sink.received.map((mail) => mail.recipients)).toEqual([[person.email]]);
    expect(await rowsOf([person.id])).toEqual([expect.objectContaining({ email_status: "sent", email_attempts: 2 })]);
  });

  it("makes every process wait out a failed e-mail's retry delay, not only the one that tried", async () => {
    const person = await buildUser("person");
    await notify([person.id]);
    sink.refuseWith = new Error("Try again later");
    expect(await buildMailer({ retryBaseMs: 60_000, claimerId: "process a" }).deliverPending()).toMatchObject({ retrying: 1 });
    sink.refuseWith = null;
    expect(await buildMailer({ claimerId: "process b" }).deliverPending()).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(sink.received).toHaveLength(0);
  });
});
