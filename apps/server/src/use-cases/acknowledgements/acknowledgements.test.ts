import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgementStatement } from "@accord/domain";
import { DatabaseNotifier } from "../../notifications/database-notifier.js";
import { Mailer } from "../../notifications/mailer.js";
import { demoPolicySlug } from "../../seed/demo-data.js";
import { startSmtpSink, type SmtpSink } from "@accord/test-support/smtp-sink.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { sendDueReminders, type ReminderContext } from "./send-due-reminders.js";

const dayMs = 24 * 60 * 60 * 1000;
const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Waits for a condition of real time (the mail server's), with a generous margin for a loaded machine. */
async function waitFor(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A message's text with quoted-printable soft breaks and escapes undone (enough for links and subjects). */
function decodedMail(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const roster = [
  "email,name,unit,supervisor_email",
  "sgt.moss@kcpd.test,Sgt. Ada Moss,Patrol North Command,",
  "alice@kcpd.test,Alice Archer,Patrol North,sgt.moss@kcpd.test",
  "bob@kcpd.test,Bob Baker,Patrol North,sgt.moss@kcpd.test",
  "carol@kcpd.test,Carol Cruz,Patrol North,sgt.moss@kcpd.test",
  "bad-email,Nobody,Patrol North,",
  "eve@kcpd.test,Eve Park,Patrol North,ghost@kcpd.test",
  "frank@kcpd.test,,Patrol North,sgt.moss@kcpd.test",
].join("\n");

const quiz = {
  passMarkPercent: 100,
  questions: [
    { prompt: "When must the camera record?", choices: ["Only when told to", "On every call for service"], correctChoice: 1 },
    { prompt: "May an officer delete a recording?", choices: ["No", "Yes"], correctChoice: 0 },
  ],
};

describe.each(testDatabaseKinds())("officers' acknowledgements on %s", (kind) => {
  let accord: TestAccord;
  let sink: SmtpSink;
  let facilitator = "";
  let policyId = "";
  let published = { number: 0, hash: "" };
  let campaignId = "";
  // The import's response, kept to check that it holds no set-password link.
  let importResponse = "";
  const officers: Record<string, { id: string; cookie: string; assignmentId: string }> = {};
  const password = "a long passphrase for tests";

  const send = async (cookie: string, method: "GET" | "POST" | "PUT", url: string, payload?: Record<string, unknown>) =>
    accord.request({ method, url, cookie, ...(payload ? { payload } : {}) });
  const mailsTo = (address: string) =>
    sink.received.filter((mail) => mail.recipients.includes(address)).map((mail) => decodedMail(mail.raw));
  const subjectsTo = (address: string) =>
    mailsTo(address).map((mail) => /^Subject: (.*)$/m.exec(mail.replace(/\r?\n[ \t]+/g, " "))?.[1] ?? "");

  beforeAll(async () => {
    sink = await startSmtpSink();
    accord = await startTestAccord(kind, { env: { SMTP_URL: sink.url, SMTP_FROM: "Accord <accord@accord.test>" } });
    facilitator = await accord.logIn("facilitator@accord.test");
    policyId = (await accord.database.db.selectFrom("policies").select("id").where("slug", "=", demoPolicySlug).executeTakeFirstOrThrow())
      .id;
    const publication = await accord.database.db
      .selectFrom("publications")
      .select(["version_number", "content_hash"])
      .where("policy_id", "=", policyId)
      .orderBy("published_at", "desc")
      .executeTakeFirstOrThrow();
    published = { number: publication.version_number, hash: publication.content_hash };
  });
  afterAll(async () => {
    await accord.close();
    await sink.close();
  });

  it("previews a roster file, refusing bad rows with reasons, and imports only the good ones", async () => {
    const preview = await send(facilitator, "POST", "/api/roster/import/preview", { csv: roster });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().counts).toEqual({ create: 4, change: 0, unchanged: 0, refuse: 3 });
    expect(preview.json().rows.filter((row: { action: string }) => row.action === "refuse")).toMatchObject([
      { line: 6, email: "bad-email", reasons: ['"bad-email" is not an e-mail address'] },
      { line: 7, email: "eve@kcpd.test", reasons: ["the supervisor ghost@kcpd.test is neither on the roster nor in this file"] },
      { line: 8, email: "frank@kcpd.test", reasons: ["the name is missing"] },
    ]);
    // A preview changes nothing (the demo's own department is on the roster already).
    const emails = ["sgt.moss@kcpd.test", "alice@kcpd.test", "bob@kcpd.test", "carol@kcpd.test"];
    const onRoster = async () =>
      ((await send(facilitator, "GET", "/api/roster")).json().people as { email: string }[]).filter((person) =>
        emails.includes(person.email),
      );
    expect(await onRoster()).toEqual([]);

    const imported = await send(facilitator, "POST", "/api/roster/import", { csv: roster });
    expect(imported.statusCode).toBe(200);
    importResponse = imported.body;
    expect(imported.json()).toMatchObject({ applied: true, counts: { create: 4, refuse: 3 } });
    const people = (await onRoster()) as unknown as {
      email: string;
      unit: string;
      supervisorEmail: string | null;
      passwordSet: boolean;
    }[];
    expect(people.map((person) => person.email).sort()).toEqual([
      "alice@kcpd.test",
      "bob@kcpd.test",
      "carol@kcpd.test",
      "sgt.moss@kcpd.test",
    ]);
    expect(people.find((person) => person.email === "alice@kcpd.test")).toMatchObject({
      unit: "Patrol North",
      supervisorEmail: "sgt.moss@kcpd.test",
      passwordSet: false,
    });
    // The refused rows made no account.
    const accounts = await accord.database.db
      .selectFrom("users")
      .select("email")
      .where("email", "in", ["eve@kcpd.test", "frank@kcpd.test", "bad-email"])
      .execute();
    expect(accounts).toEqual([]);
    // Importing the same file again changes nothing.
    expect((await send(facilitator, "POST", "/api/roster/import", { csv: roster })).json().counts).toEqual({
      create: 0,
      change: 0,
      unchanged: 4,
      refuse: 3,
    });
  });

  it("mails each new person a link to set their password, never a password, and the link works once", async () => {
    for (const name of ["sgt.moss", "alice", "bob", "carol"]) {
      const address = `${name}@kcpd.test`;
      await waitFor(() => mailsTo(address).length > 0, `the set-password mail to ${address}`);
      const mail = mailsTo(address)[0]!;
      expect(mail).not.toContain(password);
      const token = /set-password\?token=([a-z0-9]+)/.exec(mail)?.[1];
      expect(token, "the mail holds a set-password link").toBeTruthy();
      // The link goes by e-mail only: the import's response never held it.
      expect(importResponse).not.toContain(token!);
      expect(importResponse).not.toContain("set-password");
      // Nor does the database: the notification links to the bare page, and only the token's hash is kept.
      expect(JSON.stringify(await accord.database.db.selectFrom("notifications").selectAll().execute())).not.toContain(token!);
      expect(JSON.stringify(await accord.database.db.selectFrom("password_setup_tokens").selectAll().execute())).not.toContain(token!);
      expect((await accord.request({ method: "POST", url: "/api/auth/set-password", payload: { token, password } })).statusCode).toBe(200);
      const again = await accord.request({
        method: "POST",
        url: "/api/auth/set-password",
        payload: { token, password: "another passphrase" },
      });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe("setup_link_invalid");
      const cookie = await accord.logIn(address, password);
      const id = (await send(cookie, "GET", "/api/auth/me")).json().account.id as string;
      officers[name] = { id, cookie, assignmentId: "" };
    }
  });

  it("assigns a published version by hash to a unit, with a quiz, and each officer sees it to acknowledge", async () => {
    const wrongHash = await send(facilitator, "POST", "/api/acknowledgement-campaigns", {
      policyId,
      versionNumber: published.number,
      contentHash: "0".repeat(64),
      dueDate: "2026-12-15",
      audience: { kind: "units", units: ["Patrol North"] },
    });
    expect(wrongHash.statusCode).toBe(409);
    const created = await send(facilitator, "POST", "/api/acknowledgement-campaigns", {
      policyId,
      versionNumber: published.number,
      contentHash: published.hash,
      dueDate: "2026-12-15",
      audience: { kind: "units", units: ["Patrol North"] },
      quiz,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().campaign).toMatchObject({
      assigned: 3,
      acknowledged: 0,
      overdue: 0,
      hasQuiz: true,
      audience: "Units: Patrol North",
    });
    campaignId = created.json().campaign.id;
    for (const name of ["alice", "bob", "carol"]) {
      const mine = (await send(officers[name]!.cookie, "GET", "/api/acknowledgements")).json().assignments;
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        status: "open",
        versionNumber: published.number,
        contentHash: published.hash,
        dueDate: "2026-12-15",
      });
      officers[name]!.assignmentId = mine[0].id;
    }
    // The supervisor's unit is not in the audience.
    expect((await send(officers["sgt.moss"]!.cookie, "GET", "/api/acknowledgements")).json().assignments).toEqual([]);
    // Nobody reads another's assignment: not found, as for one that does not exist.
    expect((await send(officers.bob!.cookie, "GET", `/api/acknowledgements/${officers.alice!.assignmentId}`)).statusCode).toBe(404);
  });

  it("one officer passes the quiz and acknowledges with the fixed statement and their password", async () => {
    const alice = officers.alice!;
    const detail = (await send(alice.cookie, "GET", `/api/acknowledgements/${alice.assignmentId}`)).json();
    expect(detail.statement).toBe(
      acknowledgementStatement({ policyTitle: "Body-Worn Camera Policy", versionNumber: published.number, contentHash: published.hash }),
    );
    expect(detail.html).toContain("<h");
    expect(detail.previous).toBeNull();
    expect(detail.quiz.questions).toEqual(quiz.questions.map(({ prompt, choices }) => ({ prompt, choices })));
    const confirm = { statement: detail.statement, contentHash: published.hash, password };
    const url = `/api/acknowledgements/${alice.assignmentId}`;
    expect((await send(alice.cookie, "POST", `${url}/acknowledge`, confirm)).json().error.code).toBe("quiz_not_passed");
    expect((await send(alice.cookie, "POST", `${url}/quiz-attempts`, { answers: [1, 0] })).json().attempt).toMatchObject({
      passed: true,
      correct: 2,
    });
    expect((await send(alice.cookie, "POST", `${url}/acknowledge`, { ...confirm, password: "not my password" })).json().error.code).toBe(
      "wrong_password",
    );
    const otherText = await send(alice.cookie, "POST", `${url}/acknowledge`, {
      ...confirm,
      statement: detail.statement.replace("version", "versions"),
    });
    expect(otherText.json().error.code).toBe("statement_mismatch");
    // The facilitator cannot acknowledge for an officer.
    expect((await send(facilitator, "POST", `${url}/acknowledge`, { ...confirm, password: "accord-demo" })).statusCode).toBe(403);
    const done = await send(alice.cookie, "POST", `${url}/acknowledge`, confirm);
    expect(done.statusCode).toBe(201);
    expect(done.json().acknowledgement).toMatchObject({
      userId: alice.id,
      versionNumber: published.number,
      contentHash: published.hash,
      statement: detail.statement,
    });
    expect((await send(alice.cookie, "POST", `${url}/acknowledge`, confirm)).json().error.code).toBe("assignment_closed");
  });

  it("one officer fails the quiz, then passes, and every attempt is kept", async () => {
    const bob = officers.bob!;
    const url = `/api/acknowledgements/${bob.assignmentId}`;
    expect((await send(bob.cookie, "POST", `${url}/quiz-attempts`, { answers: [0, 0] })).json().attempt).toMatchObject({
      passed: false,
      correct: 1,
    });
    accord.clock.advance(60_000);
    const statement = (await send(bob.cookie, "GET", url)).json().statement;
    const confirm = { statement, contentHash: published.hash, password };
    expect((await send(bob.cookie, "POST", `${url}/acknowledge`, confirm)).json().error.code).toBe("quiz_not_passed");
    expect((await send(bob.cookie, "POST", `${url}/quiz-attempts`, { answers: [1] })).statusCode).toBe(400);
    expect((await send(bob.cookie, "POST", `${url}/quiz-attempts`, { answers: [1, 0] })).json().attempt.passed).toBe(true);
    expect((await send(bob.cookie, "POST", `${url}/acknowledge`, confirm)).statusCode).toBe(201);
    const attempts = (await send(bob.cookie, "GET", url)).json().attempts;
    expect(attempts.map((attempt: { passed: boolean }) => attempt.passed)).toEqual([false, true]);
  });

  it("reminds the third officer 7 days and 1 day ahead, then tells them and their supervisor it is overdue, each once across processes", async () => {
    const carol = officers.carol!;
    // Two processes on the one database: each its own notifier and its own outbox sender.
    const processes = ["one", "two"].map((name) => ({
      context: {
        db: accord.database.db,
        now: accord.clock.now,
        notifier: new DatabaseNotifier({ emailEnabled: true }),
      } satisfies ReminderContext,
      mailer: new Mailer({
        db: accord.database.db,
        smtp: accord.config.smtp,
        publicOrigin: accord.config.publicOrigin,
        log: quietLog,
        claimerId: name,
        now: accord.clock.now,
      }),
    }));
    const pass = async () => {
      const results = await Promise.all(processes.map((process) => sendDueReminders(process.context)));
      await Promise.all(processes.map((process) => process.mailer.deliverPending()));
      // The demo's officers are reminded too; this test follows Carol's assignment.
      return results.flatMap((result) => result.sent.filter((sent) => sent.assignmentId === carol.assignmentId).map((sent) => sent.kind));
    };
    const moveTo = (iso: string) => accord.clock.advance(new Date(iso).getTime() - accord.clock.now().getTime());

    moveTo("2026-12-07T23:00:00Z");
    expect(await pass()).toEqual([]);
    moveTo("2026-12-08T00:10:00Z");
    expect(await pass()).toEqual(["due_in_7_days"]);
    expect(await pass()).toEqual([]);
    moveTo("2026-12-14T08:00:00Z");
    expect(await pass()).toEqual(["due_in_1_day"]);
    expect(await pass()).toEqual([]);
    moveTo("2026-12-16T00:05:00Z");
    expect(await pass()).toEqual(["overdue"]);
    expect(await pass()).toEqual([]);
    accord.clock.advance(10 * dayMs);
    expect(await pass()).toEqual([]);

    await waitFor(
      () => subjectsTo("carol@kcpd.test").filter((subject) => /Reminder|Overdue/.test(subject)).length >= 3,
      "carol's reminders",
    );
    await waitFor(() => subjectsTo("sgt.moss@kcpd.test").some((subject) => subject.startsWith("Overdue")), "the supervisor's notice");
    // A little longer, so that a second copy would have arrived.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(subjectsTo("carol@kcpd.test").filter((subject) => /Reminder|Overdue/.test(subject))).toEqual([
      "Reminder: acknowledge Body-Worn Camera Policy by 2026-12-15",
      "Reminder: acknowledge Body-Worn Camera Policy by 2026-12-15",
      "Overdue: acknowledge Body-Worn Camera Policy",
    ]);
    expect(subjectsTo("sgt.moss@kcpd.test").filter((subject) => subject.startsWith("Overdue"))).toEqual([
      "Overdue: Carol Cruz has not acknowledged Body-Worn Camera Policy",
    ]);
    // Those who acknowledged were never reminded.
    for (const name of ["alice", "bob"])
      expect(subjectsTo(`${name}@kcpd.test`).filter((subject) => /Reminder|Overdue/.test(subject))).toEqual([]);
    await Promise.all(processes.map((process) => process.mailer.stop()));
    // Weeks passed on the clock: sessions idled out, so everyone signs in again.
    facilitator = await accord.logIn("facilitator@accord.test");
    for (const [name, officer] of Object.entries(officers)) officer.cookie = await accord.logIn(`${name}@kcpd.test`, password);
    const mine = (await send(carol.cookie, "GET", "/api/acknowledgements")).json().assignments;
    expect(mine[0]).toMatchObject({ status: "open", overdue: true });
  });

  it("reports completion per unit, the overdue, each person's history and which version stood on a day, as JSON and CSV", async () => {
    const report = (await send(facilitator, "GET", `/api/acknowledgement-campaigns/${campaignId}/report`)).json().report;
    expect(report.units).toEqual([{ unit: "Patrol North", assigned: 3, acknowledged: 2, overdue: 1 }]);
    expect(report.people.filter((line: { overdue: boolean }) => line.overdue).map((line: { email: string }) => line.email)).toEqual([
      "carol@kcpd.test",
    ]);
    const csv = await send(facilitator, "GET", `/api/acknowledgement-campaigns/${campaignId}/report.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("policy,version,content_hash,unit,name,email,supervisor,status,overdue,due_date,acknowledged_at");
    expect(lines.filter((line) => line.includes("carol@kcpd.test"))[0]).toContain(",open,yes,2026-12-15,");
    expect(lines).toHaveLength(4);

    const alice = officers.alice!;
    const history = (await send(facilitator, "GET", `/api/acknowledgement-people/${alice.id}/history`)).json().history;
    expect(history.acknowledgements).toMatchObject([
      { versionNumber: published.number, contentHash: published.hash, policyTitle: "Body-Worn Camera Policy" },
    ]);
    const historyCsv = await send(facilitator, "GET", `/api/acknowledgement-people/${alice.id}/history.csv`);
    expect(historyCsv.body).toContain(
      `Alice Archer,alice@kcpd.test,Patrol North,Body-Worn Camera Policy,${published.number},${published.hash}`,
    );
    const on = (date: string) =>
      send(facilitator, "GET", `/api/acknowledgement-people/${alice.id}/acknowledged-on?policyId=${policyId}&date=${date}`);
    expect((await on("2026-11-26")).json().acknowledgement).toBeNull();
    expect((await on("2026-11-27")).json().acknowledgement).toMatchObject({ versionNumber: published.number });
    // Every quiz attempt is in the history, with the version it was for.
    const bobHistory = (await send(facilitator, "GET", `/api/acknowledgement-people/${officers.bob!.id}/history`)).json().history;
    expect(
      bobHistory.attempts.map((attempt: { passed: boolean; versionNumber: number; contentHash: string }) => [
        attempt.passed,
        attempt.versionNumber,
        attempt.contentHash,
      ]),
    ).toEqual([
      [false, published.number, published.hash],
      [true, published.number, published.hash],
    ]);
    // Officers do not read reports.
    expect((await send(alice.cookie, "GET", `/api/acknowledgement-campaigns/${campaignId}/report`)).statusCode).toBe(403);
  });

  it("assigns someone who joins the unit later", async () => {
    const added = await send(facilitator, "POST", "/api/roster/people", {
      email: "dan@kcpd.test",
      displayName: "Dan Roe",
      unit: "Patrol North",
      supervisorEmail: "sgt.moss@kcpd.test",
    });
    expect(added.statusCode).toBe(200);
    const dan = added.json().person.userId as string;
    // Dan's notification links to the bare set-password page; the outbox mails him a link made as it
    // goes out, which the response never holds.
    const invitation = await accord.database.db
      .selectFrom("notifications")
      .select("link")
      .where("user_id", "=", dan)
      .where("kind", "=", "account_invited")
      .executeTakeFirstOrThrow();
    expect(invitation.link).toBe("/app/set-password");
    // Dan is also assigned the open campaign, whose e-mail may come first: find the invitation.
    const setPasswordLink = /set-password\?token=([a-z0-9]+)/;
    await waitFor(() => mailsTo("dan@kcpd.test").some((mail) => setPasswordLink.test(mail)), "the set-password mail to dan@kcpd.test");
    const danToken = mailsTo("dan@kcpd.test")
      .map((mail) => setPasswordLink.exec(mail)?.[1])
      .find((token) => token !== undefined);
    expect(danToken).toBeTruthy();
    expect(added.body).not.toContain(danToken!);
    expect(added.body).not.toContain("set-password");
    const report = (await send(facilitator, "GET", `/api/acknowledgement-campaigns/${campaignId}/report`)).json().report;
    expect(report.people.find((line: { userId: string }) => line.userId === dan)).toMatchObject({ status: "open" });
    const refused = await send(facilitator, "POST", "/api/roster/people", {
      email: "x@kcpd.test",
      displayName: "X",
      unit: "Patrol North",
      supervisorEmail: "ghost@kcpd.test",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain("ghost@kcpd.test is neither on the roster nor in this file");
  });

  it("refuses a list of people naming someone not on the roster, with a problem at each such entry, and assigns nobody", async () => {
    const before = (await send(facilitator, "GET", "/api/acknowledgement-campaigns")).json().campaigns.length;
    const refused = await send(facilitator, "POST", "/api/acknowledgement-campaigns", {
      policyId,
      versionNumber: published.number,
      contentHash: published.hash,
      dueDate: "2027-01-15",
      audience: { kind: "list", emails: ["alice@kcpd.test", "ghost@kcpd.test", "Bob@kcpd.test", "nobody@kcpd.test"] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([
      { path: "/body/audience/emails/1", message: "The roster has no active person with the e-mail ghost@kcpd.test." },
      { path: "/body/audience/emails/3", message: "The roster has no active person with the e-mail nobody@kcpd.test." },
    ]);
    expect((await send(facilitator, "GET", "/api/acknowledgement-campaigns")).json().campaigns).toHaveLength(before);
  });

  it("shows only aggregate counts per version on the public page, once the facilitator turns them on", async () => {
    const page = async () => (await accord.request({ url: `/policies/${demoPolicySlug}` })).body;
    expect(await page()).not.toContain("officers acknowledged");
    const counts = await send(facilitator, "PUT", `/api/policies/${policyId}/acknowledgement-counts`, { public: true });
    // With the demo's department: 6 assigned and 3 acknowledged there, 4 and 2 here.
    expect(counts.json()).toEqual({
      public: true,
      versions: [{ versionNumber: published.number, assigned: 10, acknowledged: 5 }],
      editorial: [],
    });
    const shown = await page();
    expect(shown).toContain(`5 of 10 officers acknowledged version ${published.number}`);
    expect(shown).not.toContain("Alice Archer");
  });

  it("verifies the audit chain with the acknowledgements, and fails once an acknowledgement row is tampered with", async () => {
    const verification = await send(facilitator, "GET", "/api/acknowledgements-verification");
    // The demo's three acknowledgements and this file's two.
    expect(verification.json()).toEqual({ chainOk: true, acknowledgementsOk: true, checked: 5, problem: null });
    const db = accord.database.db;
    await expect(sql`update acknowledgements set version_number = 99`.execute(db)).rejects.toThrow(/immutable/);
    await sql`alter table acknowledgements disable trigger acknowledgements_immutable`.execute(db);
    await sql`update acknowledgements set content_hash = ${"f".repeat(64)} where user_id = ${officers.bob!.id}`.execute(db);
    await sql`alter table acknowledgements enable trigger acknowledgements_immutable`.execute(db);
    const broken = (await send(facilitator, "GET", "/api/acknowledgements-verification")).json();
    expect(broken).toMatchObject({ chainOk: true, acknowledgementsOk: false });
    expect(broken.problem).toContain("its contentHash differs from what the audit chain recorded");
  });
});
