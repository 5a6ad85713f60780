import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPolicySlug } from "../seed/demo-data.js";
import { startSmtpSink, type SmtpSink } from "@accord/test-support/smtp-sink.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { notificationKinds } from "./notification-kinds.js";

/** Waits for a condition of real time (the mail server's), checking every 20 ms, with a generous margin. */
async function waitFor(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testDatabaseKinds())("e-mail per kind of notification, on %s", (kind) => {
  let accord: TestAccord;
  let sink: SmtpSink;
  const cookies: Record<string, string> = {};
  const preferences = (who: string) => accord.request({ url: "/api/notifications/preferences", cookie: cookies[who] });
  const change = (who: string, payload: unknown) =>
    accord.request({
      method: "PUT",
      url: "/api/notifications/preferences",
      cookie: cookies[who],
      payload: payload as Record<string, unknown>,
    });
  const emailOf = (body: { preferences: { kind: string; email: boolean }[] }) =>
    Object.fromEntries(body.preferences.map((entry) => [entry.kind, entry.email]));

  beforeAll(async () => {
    sink = await startSmtpSink();
    accord = await startTestAccord(kind, { env: { SMTP_URL: sink.url, SMTP_FROM: "Accord <accord@accord.test>" } });
    for (const name of ["advocate", "citizen", "officer"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
  });
  afterAll(async () => {
    await accord.close();
    await sink.close();
  });

  it("asks for sign-in", async () => {
    expect((await accord.request({ url: "/api/notifications/preferences" })).statusCode).toBe(401);
    const refused = await accord.request({
      method: "PUT",
      url: "/api/notifications/preferences",
      payload: { email: { mentioned: false } },
    });
    expect(refused.statusCode).toBe(401);
  });

  it("lists every kind, named and described, with e-mail on until it is turned off", async () => {
    const response = await preferences("advocate");
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.json().preferences).toEqual(notificationKinds.map((entry) => ({ ...entry, email: true })));
  });

  it("switches e-mail per kind, only the caller's own, and keeps the kinds not named", async () => {
    const changed = await change("advocate", { email: { thread_reply: false, published: false } });
    expect(changed.statusCode).toBe(200);
    const expected = { ...Object.fromEntries(notificationKinds.map((entry) => [entry.kind, true])), thread_reply: false, published: false };
    expect(emailOf(changed.json())).toEqual(expected);
    expect(emailOf((await preferences("advocate")).json())).toEqual(expected);
    // Turned back on, one kind at a time.
    expect(emailOf((await change("advocate", { email: { published: true } })).json())).toEqual({ ...expected, published: true });
    expect(emailOf((await preferences("citizen")).json()).thread_reply).toBe(true);
  });

  it("refuses what is not a choice of e-mail for a known kind", async () => {
    for (const payload of [
      {},
      { email: {} },
      { email: { nonsense: true } },
      { email: { thread_reply: "no" } },
      { email: { thread_reply: 0 } },
      { email: { mentioned: true }, other: 1 },
      [],
    ]) {
      const response = await change("advocate", payload);
      expect({ payload, status: response.statusCode, code: response.json().error?.code }).toEqual({
        payload,
        status: 400,
        code: "validation_failed",
      });
    }
    expect(emailOf((await preferences("advocate")).json()).mentioned).toBe(true);
  });

  it("sends e-mail only of the kinds each person keeps, and every notification in the app", async () => {
    // The advocate turned e-mail of replies off above; the officer keeps every kind.
    const db = accord.database.db;
    const policy = await db.selectFrom("policies").select("id").where("slug", "=", demoPolicySlug).executeTakeFirstOrThrow();
    const threads = (await accord.request({ url: `/api/policies/${policy.id}/threads?status=open`, cookie: cookies.advocate })).json()
      .threads as {
      id: string;
      quote: string;
    }[];
    const thread = threads.find((candidate) => candidate.quote === "Buffered video does not satisfy this duty.")!;
    const reply = await accord.request({
      method: "POST",
      url: `/api/policies/${policy.id}/threads/${thread.id}/comments`,
      cookie: cookies.citizen,
      payload: { body: "A definition would help everyone." },
    });
    expect(reply.statusCode).toBe(201);
    const resolved = await accord.request({
      method: "POST",
      url: `/api/policies/${policy.id}/threads/${thread.id}/resolve`,
      cookie: cookies.officer,
    });
    expect(resolved.statusCode).toBe(200);

    const pending = async () => (await db.selectFrom("notifications").select("id").where("email_status", "=", "pending").execute()).length;
    await waitFor(async () => (await pending()) === 0, "the outbox sent every queued e-mail");
    const subjects = (address: string) =>
      sink.received
        .filter((mail) => mail.recipients.includes(address))
        // A long subject is folded over lines (RFC 5322): unfolded before reading.
        .map((mail) => /^Subject: (.*)$/im.exec(mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " "))?.[1] ?? "")
        .sort();
    expect(subjects("advocate@accord.test")).toEqual(["Sgt. Marcus Reyes resolved your thread on Body-Worn Camera Policy"]);
    expect(subjects("officer@accord.test")).toEqual(["Priya Natarajan replied in a thread you took part in on Body-Worn Camera Policy"]);

    const inApp = (await accord.request({ url: "/api/notifications", cookie: cookies.advocate })).json().notifications as {
      kind: string;
    }[];
    expect(inApp.map((notification) => notification.kind).sort()).toEqual(["thread_reply", "thread_resolved"]);
  });
});
