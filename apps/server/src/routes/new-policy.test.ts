import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@accord/domain";
import { listAuditEvents } from "../storage/audit-events.js";
import { importLimits } from "@accord/api-contract/import-limits";
import { docxBomb, zipEntries, zipOf } from "@accord/test-support/hostile-zips.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

/** A small Word file: a heading, a paragraph with bold, italic and two links (one hostile), a list. */
async function wordFile(): Promise<string> {
  return (await wordFileBytes()).toString("base64");
}

async function wordFileBytes(): Promise<Buffer> {
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "Purpose", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun("Officers "),
              new TextRun({ text: "must", bold: true }),
              new TextRun({ text: " record ", italics: true }),
              new ExternalHyperlink({ link: "javascript:alert(1)", children: [new TextRun("bad link")] }),
              new TextRun(" and "),
              new ExternalHyperlink({ link: "https://law.example/bwc", children: [new TextRun("the statute")] }),
            ],
          }),
          new Paragraph({ text: "first duty", bullet: { level: 0 } }),
          new Paragraph({ text: "second duty", bullet: { level: 0 } }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe.each(testDatabaseKinds())("a new policy in one request on %s", (kind) => {
  let accord: TestAccord;
  let facilitator = "";
  const userIds: Record<string, string> = {};
  const bodyIds: Record<string, string> = {};

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    facilitator = await accord.logIn("facilitator@accord.test");
    const accounts = await accord.request({ url: "/api/accounts", cookie: facilitator });
    for (const account of accounts.json().accounts) userIds[account.email.split("@")[0]] = account.id;
    const bodies = await accord.request({ url: "/api/bodies", cookie: facilitator });
    for (const body of bodies.json().bodies) bodyIds[body.name] = body.id;
  });
  afterAll(() => accord.close());

  const create = (payload: Record<string, unknown>, cookie = facilitator) =>
    accord.request({ method: "POST", url: "/api/policies", cookie, payload });

  /** Everything stored about policies, to show a refused request left nothing. */
  async function storedState() {
    const db = accord.database.db;
    return {
      policies: await db.selectFrom("policies").select(["id", "slug"]).orderBy("id").execute(),
      drafts: (await db.selectFrom("draft_documents").select("policy_id").execute()).length,
      members: (await db.selectFrom("policy_members").select("policy_id").execute()).length,
      requiredBodies: (await db.selectFrom("policy_required_bodies").select("policy_id").execute()).length,
      auditEvents: (await listAuditEvents(db)).length,
    };
  }

  it("creates the policy, its working group, approving bodies, sign-off rule and a draft from Markdown", async () => {
    const response = await create({
      title: "Use of Drones",
      summary: "When the department may fly drones.",
      signOffRule: "majority",
      members: [
        { userId: userIds.officer, role: "editor", affiliation: "police" },
        { userId: userIds.advocate, role: "commenter", affiliation: "community" },
      ],
      requiredBodyIds: [bodyIds["Police Union"], bodyIds["Board of Police Commissioners"]],
      start: {
        kind: "markdown",
        fileName: "drones.md",
        text: "# Purpose\n\nDrones **only** with [a warrant](https://law.example/w).\n\n- first\n- second\n",
      },
    });
    expect(response.statusCode).toBe(201);
    const policy = response.json().policy;
    expect(policy).toMatchObject({ slug: "use-of-drones", status: "drafting", signOffRule: "majority" });

    const members = await accord.request({ url: `/api/policies/${policy.id}/members`, cookie: facilitator });
    expect(
      members
        .json()
        .members.map((member: { email: string; role: string; affiliation: string }) => [member.email, member.role, member.affiliation]),
    ).toEqual(
      expect.arrayContaining([
        ["officer@accord.test", "editor", "police"],
        ["advocate@accord.test", "commenter", "community"],
      ]),
    );
    const detail = await accord.request({ url: `/api/policies/${policy.id}`, cookie: facilitator });
    expect(
      detail
        .json()
        .policy.requiredBodies.map((body: { name: string }) => body.name)
        .sort(),
    ).toEqual(["Board of Police Commissioners", "Police Union"]);
    const draft = await accord.request({ url: `/api/policies/${policy.id}/draft`, cookie: facilitator });
    const content = draft.json().draft.content;
    expect(content.content.map((node: { type: string }) => node.type)).toEqual(["heading", "paragraph", "bullet_list"]);
    expect(JSON.stringify(content)).toContain('"href":"https://law.example/w"');

    // The officer, a member now, reads it; the audit chain holds every part and still verifies.
    const officer = await accord.logIn("officer@accord.test");
    expect((await accord.request({ url: `/api/policies/${policy.id}/draft`, cookie: officer })).statusCode).toBe(200);
    const events = (await listAuditEvents(accord.database.db)).filter((event) => event.subjectId === policy.id);
    expect(events.map((event) => event.action)).toEqual(["policy.created", "member.added", "member.added", "policy.required_bodies_set"]);
    expect(events[0]!.payload).toMatchObject({ draftStart: { kind: "markdown", fileName: "drones.md" } });
    expect(verifyAuditChain(await listAuditEvents(accord.database.db)).ok).toBe(true);
  });

  it("starts a draft from a template and from a Word file, keeping its structure and only its safe link", async () => {
    const fromTemplate = await create({ title: "Camera Template Test", start: { kind: "template", templateId: "body-worn-camera" } });
    expect(fromTemplate.statusCode).toBe(201);
    const templateDraft = await accord.request({ url: `/api/policies/${fromTemplate.json().policy.id}/draft`, cookie: facilitator });
    expect(templateDraft.json().draft.content.content[0]).toMatchObject({ type: "heading", content: [{ text: "Purpose" }] });

    const fromWord = await create({
      title: "Word Import Test",
      start: { kind: "docx", fileName: "policy.docx", base64: await wordFile() },
    });
    expect(fromWord.statusCode).toBe(201);
    const wordDraft = (await accord.request({ url: `/api/policies/${fromWord.json().policy.id}/draft`, cookie: facilitator })).json().draft
      .content;
    expect(wordDraft.content.map((node: { type: string }) => node.type)).toEqual(["heading", "paragraph", "bullet_list"]);
    const text = JSON.stringify(wordDraft);
    expect(text).toContain('"type":"strong"');
    expect(text).toContain('"type":"em"');
    expect(text).toContain('"href":"https://law.example/bwc"');
    expect(text).toContain("bad link");
    expect(text).not.toContain("javascript:");
  });

  it("leaves nothing behind when a part fails inside the transaction, and names the part", async () => {
    const before = await storedState();
    const response = await create({
      title: "Half Written",
      members: [{ userId: userIds.officer, role: "editor", affiliation: "police" }],
      requiredBodyIds: ["00000000-0000-4000-8000-000000000000"],
      start: { kind: "template", templateId: "body-worn-camera" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "validation_failed", fields: [{ path: "/requiredBodyIds" }] });
    expect(await storedState()).toEqual(before);
    // The slug stays free: the same policy without the bad body is created.
    expect((await create({ title: "Half Written" })).statusCode).toBe(201);
  });

  it("refuses an unknown person, a repeated person, a file that is not Word and an unknown template, writing nothing", async () => {
    const before = await storedState();
    const unknownPerson = await create({
      title: "Refused One",
      members: [{ userId: "00000000-0000-4000-8000-000000000001", role: "editor", affiliation: "police" }],
    });
    expect(unknownPerson.json().error.fields).toEqual([{ path: "/members/0/userId", message: "unknown account" }]);
    const twice = await create({
      title: "Refused Two",
      members: [
        { userId: userIds.officer, role: "editor", affiliation: "police" },
        { userId: userIds.officer, role: "viewer", affiliation: "police" },
      ],
    });
    expect(twice.json().error.fields[0].path).toBe("/members/1/userId");
    const notWord = await create({
      title: "Refused Three",
      start: { kind: "docx", fileName: "notes.docx", base64: Buffer.from("just some text, not a zip").toString("base64") },
    });
    expect(notWord.statusCode).toBe(422);
    expect(notWord.json().error).toMatchObject({ code: "import_unreadable", fields: [{ path: "/start/base64" }] });
    expect(notWord.json().error.message).toContain("“notes.docx”: This file is not a Word document");
    const noTemplate = await create({ title: "Refused Four", start: { kind: "template", templateId: "no-such-template" } });
    expect(noTemplate.json().error.fields[0].path).toBe("/start/templateId");
    expect(await storedState()).toEqual(before);
  });

  it("refuses an oversized import with 413 and a message naming its size, and a non-facilitator with 403", async () => {
    const before = await storedState();
    const tooLong = await create({
      title: "Too Long",
      start: { kind: "markdown", fileName: "big.md", text: "a".repeat(importLimits.markdownCharacters + 1) },
    });
    expect(tooLong.statusCode).toBe(413);
    expect(tooLong.json().error).toMatchObject({
      code: "import_too_large",
      message: "“big.md”: The file holds 500,001 characters of text; an imported policy may hold at most 500,000.",
      fields: [{ path: "/start/text" }],
    });
    // A Word file of 3 MB: over the limit, within what the request may carry, so the use case names its size.
    const threeMegabytes = Buffer.alloc(3 * 1024 * 1024, 1).toString("base64");
    const tooBig = await create({ title: "Too Big", start: { kind: "docx", fileName: "big.docx", base64: threeMegabytes } });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error).toMatchObject({
      code: "import_too_large",
      message: "“big.docx”: This Word document is 3 MB; an imported file may be at most 2 MB.",
      fields: [{ path: "/start/base64" }],
    });
    // Far beyond: the route's body limit refuses it before it is read.
    const farTooBig = await create({
      title: "Far Too Big",
      start: { kind: "docx", fileName: "huge.docx", base64: "A".repeat(8 * 1024 * 1024) },
    });
    expect(farTooBig.statusCode).toBe(413);
    expect(farTooBig.json().error.code).toBe("payload_too_large");
    // A short Markdown file that makes more blocks than a policy may hold.
    const manyItems = await create({
      title: "Many Items",
      start: { kind: "markdown", fileName: "list.md", text: "- a\n".repeat(importLimits.documentBlocks) },
    });
    expect(manyItems.statusCode).toBe(422);
    expect(manyItems.json().error).toMatchObject({ code: "import_exceeds_limits", fields: [{ path: "/start/text" }] });
    expect(manyItems.json().error.message).toMatch(/^“list\.md”: This Markdown file makes 40,001 paragraphs, headings and list items/);
    expect(await storedState()).toEqual(before);

    const officer = await accord.logIn("officer@accord.test");
    const refused = await create(
      { title: "Not Mine", members: [{ userId: userIds.citizen, role: "editor", affiliation: "citizen" }] },
      officer,
    );
    expect(refused.statusCode).toBe(403);
    expect((await accord.request({ url: "/api/policy-templates", cookie: officer })).statusCode).toBe(403);
  });

  it("refuses a Word file whose zip headers lie, a zip bomb among them, writing nothing", async () => {
    const before = await storedState();
    const honest = await wordFileBytes();
    // Both headers declare word/document.xml at its real few kilobytes; it inflates to 64 MB.
    const bomb = docxBomb(honest, 64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(importLimits.docxBytes);
    const bombAnswer = await create({ title: "Bomb", start: { kind: "docx", fileName: "bomb.docx", base64: bomb.toString("base64") } });
    expect(bombAnswer.statusCode).toBe(422);
    expect(bombAnswer.json().error).toMatchObject({ code: "import_unreadable", fields: [{ path: "/start/base64" }] });
    expect(bombAnswer.json().error.message).toMatch(/^“bomb\.docx”: This Word document is damaged or was altered/);
    // The local header says the part is ten times what the central directory says.
    const disagreeing = zipOf(
      zipEntries(honest).map((entry) =>
        entry.name === "word/document.xml" ? { ...entry, local: { unpackedBytes: entry.content.length * 10 } } : entry,
      ),
    );
    const disagreeingAnswer = await create({
      title: "Disagreeing",
      start: { kind: "docx", fileName: "two-minds.docx", base64: disagreeing.toString("base64") },
    });
    expect(disagreeingAnswer.statusCode).toBe(422);
    expect(disagreeingAnswer.json().error.code).toBe("import_unreadable");
    // Honest headers that declare more than the limit: refused by what they declare.
    const honestBomb = zipOf([{ name: "word/document.xml", content: Buffer.alloc(importLimits.docxUnpackedBytes + 1, " ") }]);
    const honestAnswer = await create({
      title: "Honest Bomb",
      start: { kind: "docx", fileName: "big.docx", base64: honestBomb.toString("base64") },
    });
    expect(honestAnswer.statusCode).toBe(422);
    expect(honestAnswer.json().error).toMatchObject({
      code: "import_exceeds_limits",
      message: "“big.docx”: This Word document unpacks to more than 40 MB, far more than any policy's text: it was not imported.",
    });
    expect(await storedState()).toEqual(before);
    // The same file, rebuilt honestly by the same zip writer, is imported.
    expect(
      (
        await create({
          title: "Honest Rebuild",
          start: { kind: "docx", fileName: "ok.docx", base64: zipOf(zipEntries(honest)).toString("base64") },
        })
      ).statusCode,
    ).toBe(201);
  });

  it("lists the templates for the facilitator with their sections", async () => {
    const response = await accord.request({ url: "/api/policy-templates", cookie: facilitator });
    expect(response.statusCode).toBe(200);
    expect(response.json().templates[0]).toMatchObject({ id: "body-worn-camera", name: "Body-worn camera policy" });
    expect(response.json().templates[0].sections.slice(0, 2)).toEqual(["Purpose", "Definitions"]);
  });
});
