import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "@accord/test-support/smtp-sink.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";
import { rejectPendingSuggestions } from "@accord/test-support/reject-pending-suggestions.js";
import { parseHtmlAsXhtml } from "@accord/test-support/strict-markup.js";

// The tests read answers of many shapes and check them with expect; `any` keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const day = 24 * 3600 * 1000;
const slug = "body-worn-cameras";

describe.each(testDatabaseKinds())("public comment periods on %s", (kind) => {
  let accord: TestAccord;
  let sink: SmtpSink;
  let policyId = "";
  let periodId = "";
  let section = "";
  let otherSection = "";
  const cookies: Record<string, string> = {};
  let address = 0;

  /** Posts the public form as a browser without script does, from its own network address unless told. */
  const comment = (fields: Record<string, string>, from = `10.0.${Math.floor(++address / 250)}.${address % 250}`) =>
    accord.request({
      method: "POST",
      url: `/policies/${slug}/comments`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ section, ...fields }).toString(),
      remoteAddress: from,
    });
  const queue = async (status?: string): Promise<Json> =>
    (
      await accord.request({
        url: `/api/comment-periods/${periodId}/comments${status ? `?status=${status}` : ""}`,
        cookie: cookies.facilitator,
      })
    ).json();
  const moderate = (commentId: string, payload: Json) =>
    accord.request({
      method: "POST",
      url: `/api/comment-periods/${periodId}/comments/${commentId}/moderation`,
      cookie: cookies.facilitator,
      payload,
    });
  const publishAll = async () => {
    for (const pending of (await queue("pending")).comments as Json[])
      expect((await moderate(pending.id, { action: "publish" })).statusCode).toBe(200);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    accord = await startTestAccord(kind, { env: { SMTP_URL: sink.url, SMTP_FROM: "Accord <accord@accord.test>" } });
    for (const name of ["facilitator", "officer", "citizen"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    policyId = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator }))
      .json()
      .policies.find((policy: Json) => policy.slug === slug).id;
    await rejectPendingSuggestions(accord, policyId, cookies.officer!);
  }, 120_000);
  afterAll(async () => {
    await accord.close();
    await sink.close();
  });

  it("opens a period on a saved version only with its content hash, and only as the facilitator", async () => {
    const version = (
      await accord.request({
        method: "POST",
        url: `/api/policies/${policyId}/versions`,
        cookie: cookies.officer,
        payload: { label: "For comment" },
      })
    ).json().version;
    const now = accord.clock.now().getTime();
    const payload = {
      versionNumber: version.number,
      contentHash: version.contentHash,
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(now + 7 * day).toISOString(),
      allowed: ["anonymous", "verified_email"],
      allowOrganisation: true,
    };
    const url = `/api/policies/${policyId}/comment-periods`;
    const wrongHash = await accord.request({
      method: "POST",
      url,
      cookie: cookies.facilitator,
      payload: { ...payload, contentHash: "0".repeat(64) },
    });
    expect(wrongHash.statusCode).toBe(400);
    expect((await accord.request({ method: "POST", url, cookie: cookies.officer, payload })).statusCode).toBe(403);
    const opened = await accord.request({ method: "POST", url, cookie: cookies.facilitator, payload });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().commentPeriod).toMatchObject({
      state: "open",
      versionNumber: version.number,
      allowed: ["anonymous", "verified_email"],
    });
    periodId = opened.json().commentPeriod.id;
    expect((await accord.request({ method: "POST", url, cookie: cookies.facilitator, payload })).json().error.code).toBe(
      "comment_period_exists",
    );
    const sections = (await queue()).sections as Json[];
    section = sections[1]!.number;
    otherSection = sections[2]!.number;
  });

  it("shows the open period publicly: state, dates, the redline against the version in force, the rules, a comment button per section", async () => {
    const page = await accord.request({ url: `/policies/${slug}/comments` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Open for comments");
    expect(page.body).toContain("marked against version 1, the version in force");
    expect(page.body).toContain("Moderation rules");
    expect(page.body).toContain(`href="/policies/${slug}/comments/sections/${section}"`);
    expect(page.body).not.toMatch(/<script/i);
    expect(page.headers["content-security-policy"]).toContain("script-src 'self'");
    const form = await accord.request({ url: `/policies/${slug}/comments/sections/${section}` });
    expect(form.body).toContain('<form method="post" action="/policies/body-worn-cameras/comments"');
    expect(form.body).toContain('name="website"');
    expect((await accord.request({ url: "/policies" })).body).toContain("Open for public comment");
    expect((await accord.request({ url: `/policies/${slug}` })).body).toContain("Open for public comment");
  });

  it("takes an anonymous comment from the form, keeps it pending until a moderator publishes it, and audits the moderation", async () => {
    const sent = await comment({ body: "Say when a camera may be switched off.", quote: "" });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/policies/${slug}/comments/thanks?received`);
    const pending = ((await queue("pending")).comments as Json[])[0]!;
    expect(pending).toMatchObject({ status: "pending", commenterKind: "anonymous", name: "", section });
    expect((await accord.request({ url: `/policies/${slug}/comments` })).body).not.toContain("Say when a camera may be switched off.");
    const head = (await accord.request({ url: "/api/audit/head", cookie: cookies.facilitator })).json().head.seq;
    expect((await moderate(pending.id, { action: "publish" })).json().comment.status).toBe("published");
    expect((await accord.request({ url: "/api/audit/head", cookie: cookies.facilitator })).json().head.seq).toBe(head + 1);
    expect((await accord.request({ url: `/policies/${slug}/comments` })).body).toContain("Say when a camera may be switched off.");
  });

  it("rejects a comment only with a published reason, and counts rejected comments publicly by reason", async () => {
    await comment({ body: "Officer Smith lives at 12 Elm Street." });
    const pending = ((await queue("pending")).comments as Json[])[0]!;
    expect((await moderate(pending.id, { action: "reject" })).statusCode).toBe(400);
    expect((await moderate(pending.id, { action: "reject", reason: "personal_data" })).json().comment).toMatchObject({
      status: "rejected",
      rejectionReason: "personal_data",
    });
    expect((await moderate(pending.id, { action: "publish" })).json().error.code).toBe("comment_not_moderatable");
    const page = (await accord.request({ url: `/policies/${slug}/comments` })).body;
    expect(page).toContain("Personal data: 1");
    expect(page).not.toContain("12 Elm Street");
  });

  it("answers the form again with its problems: blank, over 5,000 characters, a quotation not in the section", async () => {
    const blank = await comment({ body: "   " });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain("There is a problem");
    expect(blank.body).toContain('href="#body"');
    const long = await comment({ body: "x".repeat(5001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain("the limit is 5000");
    expect(long.body).toContain("x".repeat(5001));
    expect((await comment({ body: "Fine.", quote: "words that are nowhere" })).body).toContain("exact words of this section");
  });

  it("silently drops what fills the honeypot field", async () => {
    const before = ((await queue()).comments as Json[]).length;
    const robot = await comment({ body: "Buy cheap watches", website: "http://spam.example" });
    expect(robot.statusCode).toBe(303);
    expect(((await queue()).comments as Json[]).length).toBe(before);
  });

  it("refuses a flood from one address with 429, and the same from one e-mail address across addresses", async () => {
    const flooder = "192.0.2.77";
    const answers: number[] = [];
    for (let index = 0; index < 21; index++) answers.push((await comment({ body: `Flood ${index}` }, flooder)).statusCode);
    expect(answers.slice(0, 20).every((status) => status === 303)).toBe(true);
    const refused = await comment({ body: "One more" }, flooder);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBeDefined();
    expect(refused.body).toContain("Too many comments");
    const byEmail: number[] = [];
    for (let index = 0; index < 11; index++)
      byEmail.push((await comment({ body: `Mail ${index}`, name: "Flo", email: "flood@example.org" })).statusCode);
    expect(byEmail.slice(0, 10).every((status) => status === 303)).toBe(true);
    expect(byEmail[10]).toBe(429);
    // Out of the way of the tests that follow: the flood is rejected as spam.
    for (const flooded of [...((await queue("pending")).comments as Json[]), ...((await queue("unverified")).comments as Json[])]) {
      if (flooded.status === "pending") await moderate(flooded.id, { action: "reject", reason: "spam" });
    }
  });

  it("verifies a named comment by e-mail over SMTP, and withdraws one through the mail's 'this was not me' link", async () => {
    sink.received.length = 0;
    expect(
      (await comment({ body: "I support section two.", name: "Dana Whitfield", email: "dana@example.org" })).headers.location,
    ).toContain("confirm");
    expect((await comment({ body: "Someone else wrote this.", name: "Not Dana", email: "victim@example.org" })).statusCode).toBe(303);
    await expect
      .poll(
        () =>
          sink.received.filter((mail) => mail.recipients.includes("dana@example.org") || mail.recipients.includes("victim@example.org"))
            .length,
        { timeout: 30_000 },
      )
      .toBe(2);
    // The text part is quoted-printable: soft line breaks joined, "=" decoded.
    const mailTo = (recipient: string) =>
      sink.received
        .find((mail) => mail.recipients.includes(recipient))!
        .raw.replace(/=\r?\n/g, "")
        .replace(/=3D/g, "=");
    const token = (raw: string, which: string) => new RegExp(`/comments/${which}\\?token=([A-Za-z0-9_-]+)`).exec(raw)![1]!;
    const dana = mailTo("dana@example.org");
    expect(dana).toContain("http://accord.test/policies/body-worn-cameras/comments/confirm?token=");
    // The link opens a page; only its button (a POST) confirms, so a mail scanner's fetch changes nothing.
    expect((await accord.request({ url: `/policies/${slug}/comments/confirm?token=${token(dana, "confirm")}` })).body).toContain(
      "Confirm my comment",
    );
    expect(((await queue("pending")).comments as Json[]).some((found) => found.body === "I support section two.")).toBe(false);
    const confirm = await accord.request({
      method: "POST",
      url: `/policies/${slug}/comments/confirm`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `token=${token(dana, "confirm")}`,
    });
    expect(confirm.body).toContain("Your comment is confirmed");
    expect(((await queue("pending")).comments as Json[]).find((found) => found.body === "I support section two.")).toMatchObject({
      name: "Dana Whitfield",
    });
    const notMe = await accord.request({
      method: "POST",
      url: `/policies/${slug}/comments/not-me`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `token=${token(mailTo("victim@example.org"), "not-me")}`,
    });
    expect(notMe.body).toContain("The comment was withdrawn");
    expect(((await queue("withdrawn")).comments as Json[]).map((found) => found.body)).toEqual(["Someone else wrote this."]);
    await publishAll();
  });

  it("shows 500 identical comments as one group", async () => {
    for (let index = 0; index < 500; index++) {
      const text =
        index % 3 === 0
          ? "Keep all footage for ten years!"
          : index % 3 === 1
            ? "keep all footage for ten years"
            : "Keep all footage\nfor ten years.";
      expect((await comment({ body: text, quote: "" })).statusCode).toBe(303);
    }
    await publishAll();
    const page = (await accord.request({ url: `/policies/${slug}/comments` })).body;
    expect(page.match(/500 comments with this text/g)).toHaveLength(1);
    // One text for the group: whichever of its spellings came first.
    expect(page.match(/keep all footage/gi)).toHaveLength(1);
    const listed = (await queue("published")).comments as Json[];
    expect(listed.filter((found) => found.duplicates === 500)).toHaveLength(500);
  }, 600_000);

  it("never lets an XSS corpus run in the pages nor reach an export raw", async () => {
    const corpus = [
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      "<svg/onload=alert(1)>",
      "javascript:alert(1)",
      '=HYPERLINK("http://evil.example","click")',
      "</textarea><script>alert(2)</script>",
    ];
    for (const body of corpus) expect((await comment({ body, name: "<b>Mallory</b>", email: "" })).statusCode).toBe(303);
    await publishAll();
    const page = (await accord.request({ url: `/policies/${slug}/comments` })).body;
    // Read by a strict parser: no element the page did not write, no event handler attribute.
    for (const url of [`/policies/${slug}/comments`, `/policies/${slug}/comments/sections/${section}`]) {
      const elements = parseHtmlAsXhtml((await accord.request({ url })).body);
      expect(elements.filter((element) => ["script", "img", "svg"].includes(element.name))).toEqual([]);
      expect(elements.flatMap((element) => Object.keys(element.attributes)).filter((name) => name.startsWith("on"))).toEqual([]);
    }
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const json = (await accord.request({ url: `/policies/${slug}/comments/export.json` })).body;
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json).comments.map((found: Json) => found.comment)).toEqual(expect.arrayContaining(corpus));
    const csv = (await accord.request({ url: `/policies/${slug}/comments/export.csv` })).body;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
  });

  it("keeps every e-mail and network address out of the public pages, the exports and the app's API", async () => {
    const everything = [
      (await accord.request({ url: `/policies/${slug}/comments` })).body,
      (await accord.request({ url: `/policies/${slug}/comments/export.json` })).body,
      (await accord.request({ url: `/policies/${slug}/comments/export.csv` })).body,
      (await accord.request({ url: "/policies" })).body,
      JSON.stringify(await queue()),
    ].join("\n");
    expect(everything).toContain("Dana Whitfield");
    for (const secret of ["dana@example.org", "victim@example.org", "flood@example.org", "192.0.2.77", "10.0.0.", "127.0.0.1"])
      expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/[\w.+-]+@example\.org/);
    const hashes = await accord.database.db.selectFrom("public_comments").select("address_hash").distinct().execute();
    for (const { address_hash } of hashes) expect(everything).not.toContain(address_hash);
  });

  it("exports the published comments byte for byte the same each time, with their SHA-256", async () => {
    const first = await accord.request({ url: `/policies/${slug}/comments/export.csv` });
    const second = await accord.request({ url: `/policies/${slug}/comments/export.csv` });
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    const json = await accord.request({ url: `/policies/${slug}/comments/export.json` });
    const sums = (await accord.request({ url: `/policies/${slug}/comments/export.sha256` })).body;
    expect(sums).toContain(`${createHash("sha256").update(first.rawPayload).digest("hex")}  body-worn-cameras-comments-v`);
    expect(sums).toContain(createHash("sha256").update(json.rawPayload).digest("hex"));
    expect(first.headers["content-disposition"]).toMatch(/^attachment/);
  });

  it("refuses a comment one second after the period closes, with 409, by the injected clock", async () => {
    const period = (await queue()).commentPeriod as Json;
    const extended = await accord.request({
      method: "POST",
      url: `/api/comment-periods/${periodId}/extensions`,
      cookie: cookies.facilitator,
      payload: { closesAt: new Date(new Date(period.closesAt).getTime() + day).toISOString(), reason: "The union asked for one more day." },
    });
    expect(extended.json().commentPeriod.extensions).toEqual([expect.objectContaining({ reason: "The union asked for one more day." })]);
    const closesAt = new Date(extended.json().commentPeriod.closesAt).getTime();
    accord.clock.advance(closesAt - accord.clock.now().getTime() - 1000);
    expect((await comment({ body: "Just in time." })).statusCode).toBe(303);
    accord.clock.advance(2000);
    // Eight days on, the sessions have lapsed: sign in again.
    for (const name of ["facilitator", "officer"]) cookies[name] = await accord.logIn(`${name}@accord.test`);
    const late = await comment({ body: "One second late." });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("The comment period has closed");
    expect((await accord.request({ url: `/policies/${slug}/comments` })).body).toContain("The union asked for one more day.");
    // The last comment in time goes the way of the others.
    await publishAll();
  });

  it("refuses to propose for sign-off until every published comment is answered or marked no response needed", async () => {
    const data = await queue("published");
    const version = data.commentPeriod as Json;
    const propose = (number: number, hash: string) =>
      accord.request({
        method: "POST",
        url: `/api/policies/${policyId}/proposals`,
        cookie: cookies.facilitator,
        payload: { versionNumber: number, contentHash: hash },
      });
    const refused = await propose(version.versionNumber, version.contentHash);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: "comments_unanswered",
      message: expect.stringMatching(/^\d+ published public comments are not yet answered/),
    });
    const published = data.comments as Json[];
    const onSection = published.filter((found) => found.section === section);
    const respond = await accord.request({
      method: "PUT",
      url: `/api/comment-periods/${periodId}/responses/${section}`,
      cookie: cookies.officer,
      payload: {
        response: "We now keep footage for three years and say why in 2.4.",
        answersCommentIds: onSection.slice(1).map((found) => found.id),
      },
    });
    expect(respond.statusCode).toBe(200);
    expect(respond.json().unanswered).toBe(1);
    expect((await propose(version.versionNumber, version.contentHash)).json().error.code).toBe("comments_unanswered");
    const last = await accord.request({
      method: "POST",
      url: `/api/comment-periods/${periodId}/comments/${onSection[0]!.id}/no-response`,
      cookie: cookies.facilitator,
      payload: { reason: "Answered by the response to section " + otherSection + "." },
    });
    expect(last.json().unanswered).toBe(0);
    expect((await queue()).proposedVersionNumber).toBeNull();
    const proposed = await propose(version.versionNumber, version.contentHash);
    expect(proposed.statusCode).toBe(201);
    // The app's response screen learns which version was proposed after the period, to show its redline.
    expect((await queue()).proposedVersionNumber).toBe(version.versionNumber);
    const page = (await accord.request({ url: `/policies/${slug}/comments` })).body;
    expect(page).toContain("The working group's response");
    expect(page).toContain(`Proposed for approval: version ${version.versionNumber}`);
    expect(page).toContain("We now keep footage for three years");
    const exported = JSON.parse((await accord.request({ url: `/policies/${slug}/comments/export.json` })).body);
    expect(exported.responses).toEqual([
      expect.objectContaining({ section, response: "We now keep footage for three years and say why in 2.4." }),
    ]);
  });

  it("cites the period, its number of comments and the response in the approval record of the published version, page and exports", async () => {
    const today = accord.clock.now().toISOString().slice(0, 10);
    const proposal = (await accord.request({ url: `/api/policies/${policyId}/proposals`, cookie: cookies.facilitator })).json()
      .proposals[0] as Json;
    const act = async (name: string, payload: Json) => {
      const cookie = await accord.logIn(`${name}@accord.test`);
      const answer = await accord.request({ method: "POST", url: `/api/proposals/${proposal.id}/actions`, cookie, payload });
      expect(answer.statusCode, answer.body).toBe(200);
    };
    for (const name of ["officer", "citizen", "prosecutor"]) await act(name, { kind: "sign_off" });
    for (const body of proposal.requiredBodies as Json[]) {
      const representative = /union/i.test(body.name) ? "union" : "board";
      await act(representative, {
        kind: "record_decision",
        bodyId: body.bodyId,
        decision: "approve",
        reason: "Approved.",
        meetingDate: today,
        meetingReference: "Minutes, item 3",
      });
    }
    await act("facilitator", { kind: "publish", effectiveDate: today });
    const published = proposal.versionNumber as number;
    const page = (await accord.request({ url: `/policies/${slug}/versions/${published}` })).body;
    expect(page).toContain("Public comment period");
    expect(page).toMatch(/It received \d+ published comments; the working group responded on 1 section\./);
    expect(page).toContain(`href="/policies/${slug}/comments"`);
    const markdown = (
      await accord.request({ url: `/api/policies/${policyId}/versions/${published}/export/md`, cookie: cookies.facilitator })
    ).body;
    expect(markdown).toContain("Public comment period");
    expect(markdown).toMatch(
      /was open for public comment from .* UTC; it received \d+ published comments, and the working group responded on 1 section/,
    );
  });
});
