import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { accordEventMessageType, decodeAccordEvent } from "@accord/collab";
import { listAuditEvents } from "../storage/audit-events.js";
import {
  appendParagraph,
  connectProvider,
  connectRaw,
  draftText,
  eventually,
  type ProviderClient,
  type RawClient,
} from "@accord/test-support/collab-clients.js";
import { anchorAround } from "@accord/test-support/comment-anchor.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";
import { testDatabaseKinds } from "@accord/test-support/test-database.js";

/** Deletes the first occurrence of the text from the client's draft, as typing over it would. */
function deleteText(doc: Y.Doc, text: string): void {
  for (const paragraph of doc.getXmlFragment("prosemirror").toArray()) {
    const yText = (paragraph as Y.XmlElement).get(0);
    const index = yText instanceof Y.XmlText ? yText.toString().indexOf(text) : -1;
    if (index >= 0) return (yText as Y.XmlText).delete(index, text.length);
  }
  throw new Error(`"${text}" is not in the draft`);
}

// The tests read answers of many shapes and check them with expect; `any` keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

describe.each(testDatabaseKinds())("comments on %s", (kind) => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  let editor: ProviderClient;
  const events: Json[] = [];
  const clients: ProviderClient[] = [];
  const raws: RawClient[] = [];
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const waitUntilCommitted = async (doc: Y.Doc, policy = policyId) => {
    for (let attempt = 0; attempt < 250; attempt++) {
      const response = await accord.request({ url: `/api/policies/${policy}/draft/state-vector`, cookie: cookies.facilitator });
      const server = Y.decodeStateVector(Buffer.from(response.json().stateVector, "base64"));
      if ([...Y.decodeStateVector(Y.encodeStateVector(doc))].every(([client, clock]) => (server.get(client) ?? 0) >= clock)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("the server never committed the client's edits");
  };

  const openEditor = async (policy: string, cookie: string, texts: string[]) => {
    const client = connectProvider(origin, policy, cookie);
    clients.push(client);
    // What the web client does with Accord events: the stock provider dispatches on the message type.
    client.provider.messageHandlers[accordEventMessageType] = (_encoder, decoder) => {
      events.push({ policyId: policy, ...JSON.parse(decoding.readVarString(decoder)) });
    };
    await client.synced;
    for (const text of texts) appendParagraph(client.doc, text);
    await waitUntilCommitted(client.doc, policy);
    return client;
  };

  // Each change a second later, so "oldest first" is a real order.
  const send = (method: string, path: string, cookie: string | undefined, payload?: Json) => {
    accord.clock.advance(1000);
    return accord.request({ method: method, url: `/api/policies/${policyId}${path}`, cookie, ...(payload ? { payload } : {}) });
  };
  const start = (who: string, text: string, body: string, extra: Json = {}) =>
    send("POST", "/threads", cookies[who], { anchor: anchorAround(editor.doc, text), quote: text, body, ...extra });
  const reply = (who: string, threadId: string, body: string, extra: Json = {}) =>
    send("POST", `/threads/${threadId}/comments`, cookies[who], { body, ...extra });
  const threads = async (who: string, query = "") => {
    const response = await accord.request({ url: `/api/policies/${policyId}/threads${query}`, cookie: cookies[who] });
    expect(response.statusCode).toBe(200);
    return response.json().threads as Json[];
  };
  const threadIds = async (who: string, query = "") => (await threads(who, query)).map((thread) => thread.id);
  const mentionsOf = async (who: string) => {
    const response = await accord.request({ url: "/api/notifications", cookie: cookies[who] });
    return (response.json().notifications as Json[]).filter((notification) => notification.kind === "mentioned");
  };

  beforeAll(async () => {
    accord = await startTestAccord(kind);
    origin = await accord.listen();
    for (const name of ["facilitator", "officer", "citizen", "prosecutor", "advocate", "observer", "board"]) {
      cookies[name] = await accord.logIn(`${name}@accord.test`);
    }
    const outsider = { email: "outsider@example.org", displayName: "Olive Outsider", password: "outsider-password" };
    await accord.request({ method: "POST", url: "/api/accounts", cookie: cookies.facilitator, payload: outsider });
    cookies.outsider = await accord.logIn(outsider.email, outsider.password);
    const accounts = (await accord.request({ url: "/api/accounts", cookie: cookies.facilitator })).json().accounts as Json[];
    for (const account of accounts) ids[account.email.split("@")[0]] = account.id;
    const policies = (await accord.request({ url: "/api/policies", cookie: cookies.facilitator })).json().policies as Json[];
    policyId = policies.find((policy) => policy.slug === "body-worn-cameras")!.id;
    editor = await openEditor(policyId, cookies.officer!, [
      "Cameras record every public contact.",
      "Footage is kept for ninety days.",
      "Supervisors audit recordings monthly.",
    ]);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const raw of raws) raw.socket.terminate();
    await accord.close();
  });

  it("lets an editor and a commenter start threads and reply, and everyone who may read the policy read them", async () => {
    const started = await start("officer", "every public contact", "Does this include calls for service?");
    expect(started.statusCode).toBe(201);
    const thread = started.json().thread;
    expect(thread).toMatchObject({
      policyId,
      quote: "every public contact",
      onDeletedText: false,
      status: "open",
      createdBy: { id: ids.officer, name: "Sgt. Marcus Reyes", affiliation: "police" },
      resolvedAt: null,
      resolvedBy: null,
    });
    expect(thread.comments).toHaveLength(1);
    const answer = await reply("advocate", thread.id, "It should, and say so.");
    expect(answer.statusCode).toBe(201);
    expect(answer.json().comment).toMatchObject({
      threadId: thread.id,
      body: "It should, and say so.",
      deleted: false,
      hidden: null,
      editedAt: null,
    });
    expect(answer.json().comment.author).toEqual({ id: ids.advocate, name: "Jamal Carter", affiliation: "community" });
    const advocateThread = await start("advocate", "ninety days", "Too short for complaints.");
    expect(advocateThread.statusCode).toBe(201);

    for (const reader of ["observer", "board", "facilitator"]) {
      const listed = (await threads(reader)).find((candidate) => candidate.id === thread.id)!;
      expect(listed.comments.map((comment: Json) => comment.body)).toEqual([
        "Does this include calls for service?",
        "It should, and say so.",
      ]);
    }
    const all = await threadIds("observer");
    expect(all.indexOf(thread.id)).toBeLessThan(all.indexOf(advocateThread.json().thread.id));
    const board = (await threads("board")).find((candidate) => candidate.id === thread.id)!;
    expect(board.comments[0].author.affiliation).toBe("police");
  });

  it("lets a viewer read but refuses their writes with 403", async () => {
    const [first] = await threads("observer");
    expect((await start("observer", "monthly", "Me too")).statusCode).toBe(403);
    const denied = await reply("observer", first!.id, "Me too");
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe("forbidden");
    expect((await send("POST", `/threads/${first!.id}/resolve`, cookies.observer)).statusCode).toBe(403);
  });

  it("answers 404 to someone outside the working group, for reading and for writing", async () => {
    const [first] = await threads("officer");
    const read = await accord.request({ url: `/api/policies/${policyId}/threads`, cookie: cookies.outsider });
    expect(read.statusCode).toBe(404);
    expect((await start("outsider", "monthly", "Hello")).statusCode).toBe(404);
    expect((await reply("outsider", first!.id, "Hello")).statusCode).toBe(404);
  });

  it("lets only its author edit or delete a comment, and nothing changes a deleted one", async () => {
    const thread = (await start("officer", "Supervisors audit", "Which supervisors?")).json().thread;
    const commentPath = `/threads/${thread.id}/comments/${thread.comments[0].id}`;
    const foreign = await send("PATCH", commentPath, cookies.citizen, { body: "Rewritten by someone else" });
    expect(foreign.statusCode).toBe(403);
    expect((await send("DELETE", commentPath, cookies.citizen)).statusCode).toBe(403);
    const edited = await send("PATCH", commentPath, cookies.officer, { body: "  Which supervisors, and how often?  " });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().comment).toMatchObject({ body: "Which supervisors, and how often?", deleted: false });
    expect(edited.json().comment.editedAt).not.toBeNull();
    const deleted = await send("DELETE", commentPath, cookies.officer);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().comment).toMatchObject({ body: null, deleted: true, mentions: [] });
    const again = await send("PATCH", commentPath, cookies.officer, { body: "Back from the dead" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("comment_gone");
    expect((await send("DELETE", commentPath, cookies.officer)).json().error.code).toBe("comment_gone");
    const listed = (await threads("citizen")).find((candidate) => candidate.id === thread.id)!;
    expect(listed.comments[0]).toMatchObject({ body: null, deleted: true, author: { id: ids.officer } });
  });

  it("resolves and reopens a thread, which stays readable while resolved", async () => {
    const thread = (await start("citizen", "kept for", "Kept where?")).json().thread;
    const resolved = await send("POST", `/threads/${thread.id}/resolve`, cookies.advocate);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().thread).toMatchObject({ status: "resolved", resolvedBy: { id: ids.advocate, affiliation: "community" } });
    expect(resolved.json().thread.resolvedAt).not.toBeNull();
    expect((await send("POST", `/threads/${thread.id}/resolve`, cookies.officer)).json().error.code).toBe("thread_already_resolved");
    expect(await threadIds("observer", "?status=resolved")).toContain(thread.id);
    expect(await threadIds("observer", "?status=open")).not.toContain(thread.id);
    expect((await reply("officer", thread.id, "Answered in section 7.")).statusCode).toBe(201);
    const reopened = await send("POST", `/threads/${thread.id}/reopen`, cookies.citizen);
    expect(reopened.json().thread).toMatchObject({ status: "open", resolvedAt: null, resolvedBy: null });
    expect(reopened.json().thread.comments).toHaveLength(2);
    const twice = await send("POST", `/threads/${thread.id}/reopen`, cookies.citizen);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("thread_not_resolved");
  });

  it("filters threads by status, mine (started, replied, mentioned) and the starter's affiliation", async () => {
    const police = (await start("officer", "Cameras record", "Police view")).json().thread.id;
    const citizen = (await start("citizen", "public contact", "Citizen view", { mentions: [ids.prosecutor] })).json().thread.id;
    const community = (await start("advocate", "recordings monthly", "Community view")).json().thread.id;
    await reply("prosecutor", community, "Prosecutor's reply");
    await send("POST", `/threads/${community}/resolve`, cookies.advocate);

    const mine = await threadIds("prosecutor", "?mine=true");
    expect(mine).toEqual(expect.arrayContaining([citizen, community]));
    expect(mine).not.toContain(police);
    const byPolice = await threads("observer", "?affiliation=police");
    expect(byPolice.map((thread) => thread.id)).toContain(police);
    expect(byPolice.every((thread) => thread.createdBy.affiliation === "police")).toBe(true);
    expect(await threadIds("observer", "?affiliation=citizen")).toEqual(expect.arrayContaining([citizen]));
    expect(await threadIds("observer", "?affiliation=citizen")).not.toContain(police);
    expect(await threadIds("prosecutor", "?mine=true&status=open")).toEqual(expect.arrayContaining([citizen]));
    expect(await threadIds("prosecutor", "?mine=true&status=open")).not.toContain(community);
    const everything = await threads("observer", "?status=all");
    expect(everything.map((thread) => thread.id)).toEqual(expect.arrayContaining([police, citizen, community]));
    expect((await accord.request({ url: `/api/policies/${policyId}/threads?status=closed`, cookie: cookies.observer })).statusCode).toBe(
      400,
    );
  });

  it("notifies each mentioned person but not the author, only new mentions on edit, and refuses a mention of a non-reader", async () => {
    const before = (await mentionsOf("prosecutor")).length;
    const created = await start("citizen", "Footage is kept", "What do you think?", {
      mentions: [ids.prosecutor, ids.citizen, ids.prosecutor],
    });
    const thread = created.json().thread;
    expect(thread.comments[0].mentions.map((person: Json) => person.id)).toEqual([ids.prosecutor, ids.citizen]);
    const received = await mentionsOf("prosecutor");
    expect(received).toHaveLength(before + 1);
    expect(received[0]).toMatchObject({ policyId, link: `/app/policies/${policyId}?thread=${thread.id}` });
    expect(received[0]!.title).toContain("Priya Natarajan");
    expect(await mentionsOf("citizen")).toHaveLength(0);

    const commentPath = `/threads/${thread.id}/comments/${thread.comments[0].id}`;
    await send("PATCH", commentPath, cookies.citizen, { body: "What do you both think?", mentions: [ids.prosecutor, ids.observer] });
    await send("PATCH", commentPath, cookies.citizen, { body: "What do you both think, really?" });
    expect(await mentionsOf("prosecutor")).toHaveLength(before + 1);
    expect(await mentionsOf("observer")).toHaveLength(1);

    const count = (await threads("citizen")).length;
    const refused = await start("citizen", "ninety", "Outsider, look", { mentions: [ids.observer, ids.outsider] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("validation_failed");
    expect(refused.json().error.fields).toEqual([{ path: "/body/mentions/1", message: "is not someone who can read this policy" }]);
    expect(await threads("citizen")).toHaveLength(count);
    expect(await mentionsOf("observer")).toHaveLength(1);
  });

  it("lets the facilitator hide a comment with a reason, recorded in the audit trail, and no one else", async () => {
    const thread = (await start("advocate", "audit recordings", "An unkind remark")).json().thread;
    const hidePath = `/threads/${thread.id}/comments/${thread.comments[0].id}/hide`;
    for (const who of ["officer", "advocate", "observer"]) {
      expect((await send("POST", hidePath, cookies[who], { reason: "Not kind" })).statusCode).toBe(403);
    }
    const hidden = await send("POST", hidePath, cookies.facilitator, { reason: "  Personal attack  " });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json().comment).toMatchObject({
      body: null,
      deleted: false,
      hidden: { by: { id: ids.facilitator, affiliation: null }, reason: "Personal attack" },
    });
    const audit = (await listAuditEvents(accord.database.db)).filter((event) => event.action === "comment.hidden");
    expect(audit.at(-1)).toMatchObject({ actorId: ids.facilitator, subjectType: "comment", subjectId: thread.comments[0].id });
    expect(audit.at(-1)!.payload).toMatchObject({ policyId, threadId: thread.id, authorId: ids.advocate, reason: "Personal attack" });
    const edit = await send("PATCH", `/threads/${thread.id}/comments/${thread.comments[0].id}`, cookies.advocate, { body: "Sorry" });
    expect(edit.json().error.code).toBe("comment_gone");
    expect((await send("POST", hidePath, cookies.facilitator, { reason: "Again" })).statusCode).toBe(409);
    const listed = (await threads("officer")).find((candidate) => candidate.id === thread.id)!;
    expect(listed.comments[0]).toMatchObject({ body: null, hidden: { reason: "Personal attack" } });
  });

  it("refuses bad input with clear catalogue errors", async () => {
    const [first] = await threads("officer");
    const good = anchorAround(editor.doc, "Supervisors");
    const expectRefusal = async (response: Promise<{ statusCode: number; json(): Json }>, status: number, code: string, path?: string) => {
      const result = await response;
      expect(result.statusCode).toBe(status);
      expect(result.json().error.code).toBe(code);
      if (path) expect(result.json().error.fields.map((field: Json) => field.path)).toContain(path);
    };
    await expectRefusal(start("officer", "Supervisors", "   "), 400, "validation_failed", "/body/body");
    await expectRefusal(start("officer", "Supervisors", "x".repeat(5001)), 400, "validation_failed", "/body/body");
    await expectRefusal(
      send("POST", "/threads", cookies.officer, { anchor: good, quote: "", body: "Hi" }),
      400,
      "validation_failed",
      "/body/quote",
    );
    await expectRefusal(
      send("POST", "/threads", cookies.officer, { anchor: { start: "%%%", end: good.end }, quote: "Supervisors", body: "Hi" }),
      400,
      "validation_failed",
      "/body/anchor/start",
    );
    await expectRefusal(
      send("POST", "/threads", cookies.officer, { anchor: { start: good.end, end: good.start }, quote: "Supervisors", body: "Hi" }),
      400,
      "validation_failed",
      "/body/anchor/end",
    );
    await expectRefusal(
      send("POST", "/threads", cookies.officer, { anchor: good, quote: "Supervisors", body: "Hi", colour: "red" }),
      400,
      "validation_failed",
      "/body/colour",
    );
    await expectRefusal(
      start("officer", "Supervisors", "Hi", { mentions: Array.from({ length: 21 }, () => ids.citizen) }),
      400,
      "validation_failed",
    );
    await expectRefusal(reply("officer", crypto.randomUUID(), "Hi"), 404, "not_found");
    await expectRefusal(reply("officer", "not-a-uuid", "Hi"), 400, "validation_failed");
    await expectRefusal(
      send("PATCH", `/threads/${first!.id}/comments/${crypto.randomUUID()}`, cookies.officer, { body: "Hi" }),
      404,
      "not_found",
    );
    await expectRefusal(
      send("POST", `/threads/${first!.id}/comments/${first!.comments[0].id}/hide`, cookies.facilitator, { reason: " " }),
      400,
      "validation_failed",
    );

    const other = (
      await accord.request({ method: "POST", url: "/api/policies", cookie: cookies.facilitator, payload: { title: "Another Policy" } })
    ).json().policy.id;
    const otherEditor = await openEditor(other, cookies.facilitator!, ["Text of another policy."]);
    const foreign = await accord.request({
      method: "POST",
      url: `/api/policies/${other}/threads`,
      cookie: cookies.facilitator,
      payload: { anchor: anchorAround(otherEditor.doc, "another policy"), quote: "another policy", body: "Elsewhere" },
    });
    expect(foreign.statusCode).toBe(201);
    await expectRefusal(reply("facilitator", foreign.json().thread.id, "Crossing over"), 404, "not_found");
    // An anchor into another policy's draft names items this draft does not have.
    await expectRefusal(
      send("POST", "/threads", cookies.facilitator, { anchor: foreign.json().thread.anchor, quote: "x", body: "Hi" }),
      400,
      "validation_failed",
      "/body/anchor/start",
    );
  });

  it("quotes the draft's own text, whatever quote the client sends, and tells mentioned people that text", async () => {
    const before = (await mentionsOf("prosecutor")).length;
    const anchor = anchorAround(editor.doc, "every public contact");
    const created = await send("POST", "/threads", cookies.citizen, {
      anchor,
      quote: "officers may switch cameras off",
      body: "Is this right?",
      mentions: [ids.prosecutor],
    });
    expect(created.statusCode).toBe(201);
    const thread = created.json().thread;
    expect(thread.quote).toBe("every public contact");
    const row = await accord.database.db
      .selectFrom("comment_threads")
      .select("quote")
      .where("id", "=", thread.id)
      .executeTakeFirstOrThrow();
    expect(row.quote).toBe("every public contact");
    expect((await threads("observer")).find((candidate) => candidate.id === thread.id)?.quote).toBe("every public contact");
    const received = await mentionsOf("prosecutor");
    expect(received).toHaveLength(before + 1);
    expect(received[0]!.body).toContain("every public contact");
    expect(received[0]!.body).not.toContain("switch cameras off");

    const withoutQuote = await send("POST", "/threads", cookies.citizen, {
      anchor: anchorAround(editor.doc, "Footage"),
      body: "No quote sent",
    });
    expect(withoutQuote.statusCode).toBe(201);
    expect(withoutQuote.json().thread.quote).toBe("Footage");
  });

  it("keeps the first 1000 characters of a long quote, never half a character", async () => {
    const long = `${"a".repeat(999)}\u{1F4F7}${"b".repeat(20)}`;
    appendParagraph(editor.doc, long);
    await waitUntilCommitted(editor.doc);
    const created = await send("POST", "/threads", cookies.citizen, { anchor: anchorAround(editor.doc, long), body: "Long passage" });
    expect(created.statusCode).toBe(201);
    expect(created.json().thread.quote).toBe(`${"a".repeat(999)}\u{1F4F7}`);
  });

  it("stores a quote of draft text holding U+0000, which PostgreSQL's text cannot, with a visible stand-in", async () => {
    appendParagraph(editor.doc, "Tape\u0000gap in the log.");
    await waitUntilCommitted(editor.doc);
    const created = await send("POST", "/threads", cookies.citizen, {
      anchor: anchorAround(editor.doc, "Tape\u0000gap"),
      body: "What is this?",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().thread.quote).toBe("Tape\ufffdgap");
  });

  it("refuses control characters other than tab and line breaks in a comment and a hide reason, with the field", async () => {
    const [first] = await threads("officer");
    const refused = async (response: Promise<{ statusCode: number; json(): Json }>, path: string) => {
      const result = await response;
      expect(result.statusCode).toBe(400);
      expect(result.json().error.code).toBe("validation_failed");
      expect(result.json().error.fields.map((field: Json) => field.path)).toEqual([path]);
    };
    const count = (await threads("officer")).length;
    await refused(start("officer", "Supervisors", "Nul\u0000inside"), "/body/body");
    await refused(start("officer", "Supervisors", "Bell\u0007"), "/body/body");
    await refused(reply("officer", first!.id, "Escape\u001b[31m red"), "/body/body");
    const commentPath = `/threads/${first!.id}/comments/${first!.comments[0].id}`;
    await refused(send("PATCH", commentPath, cookies.officer, { body: "Vertical\u000btab" }), "/body/body");
    await refused(send("POST", `${commentPath}/hide`, cookies.facilitator, { reason: "Spam\u0000" }), "/body/reason");
    await refused(send("POST", `${commentPath}/hide`, cookies.facilitator, { reason: "\u0000" }), "/body/reason");
    expect(await threads("officer")).toHaveLength(count);

    const written = await reply("officer", first!.id, "Line one,\r\n\tline two.\n");
    expect(written.statusCode).toBe(201);
    expect(written.json().comment.body).toBe("Line one,\r\n\tline two.");
  });

  it("shows a thread whose text was deleted as on deleted text, with its quote intact", async () => {
    appendParagraph(editor.doc, "Officers may mute audio during breaks.");
    await waitUntilCommitted(editor.doc);
    const doomed = (await start("citizen", "mute audio", "Never allowed.")).json().thread;
    const kept = (await start("citizen", "during breaks", "Define breaks.")).json().thread;
    deleteText(editor.doc, "may mute audio ");
    // A deletion leaves the state vector as it was: wait for the server's document itself.
    const serverDoc = () => accord.app.collabRegistry.peek(policyId)!.ydoc;
    await eventually(() => draftText(serverDoc()).includes("Officers during breaks."), "the deletion is committed");
    const listed = await threads("observer");
    expect(listed.find((thread) => thread.id === doomed.id)).toMatchObject({
      onDeletedText: true,
      quote: "mute audio",
      originalQuote: "mute audio",
      anchor: doomed.anchor,
    });
    expect(listed.find((thread) => thread.id === kept.id)).toMatchObject({ onDeletedText: false, quote: "during breaks" });
    const resolved = await send("POST", `/threads/${doomed.id}/resolve`, cookies.citizen);
    expect(resolved.json().thread.onDeletedText).toBe(true);
  });

  it("quotes the words as the draft holds them now, beside the words it was started on", async () => {
    appendParagraph(editor.doc, "Recordings are kept for thirty days.");
    await waitUntilCommitted(editor.doc);
    const started = (await start("citizen", "kept for thirty days", "Too short?")).json().thread;
    expect(started).toMatchObject({ quote: "kept for thirty days", originalQuote: "kept for thirty days" });
    // An editor retypes the number inside the commented words: the anchor follows, the quote must too.
    for (const paragraph of editor.doc.getXmlFragment("prosemirror").toArray()) {
      const yText = (paragraph as Y.XmlElement).get(0);
      const index = yText instanceof Y.XmlText ? yText.toString().indexOf("thirty") : -1;
      if (index < 0) continue;
      editor.doc.transact(() => {
        (yText as Y.XmlText).insert(index, "sixty");
        (yText as Y.XmlText).delete(index + "sixty".length, "thirty".length);
      });
    }
    const serverDoc = () => accord.app.collabRegistry.peek(policyId)!.ydoc;
    await eventually(() => draftText(serverDoc()).includes("kept for sixty days."), "the retyping is committed");
    const listed = (await threads("observer")).find((thread) => thread.id === started.id);
    expect(listed).toMatchObject({ quote: "kept for sixty days", originalQuote: "kept for thirty days", onDeletedText: false });
    const resolved = (await send("POST", `/threads/${started.id}/resolve`, cookies.citizen)).json().thread;
    expect(resolved).toMatchObject({ quote: "kept for sixty days", originalQuote: "kept for thirty days" });
    // The stored quote is the original, never rewritten.
    const row = await accord.database.db
      .selectFrom("comment_threads")
      .select("quote")
      .where("id", "=", started.id)
      .executeTakeFirstOrThrow();
    expect(row.quote).toBe("kept for thirty days");
  });

  it("tells every socket on the draft, readers too, when someone replies", async () => {
    const raw = connectRaw(origin, `/collab/${policyId}`, { cookie: cookies.observer!, origin });
    raws.push(raw);
    await raw.opened;
    const [first] = await threads("observer");
    const seen = events.length;
    expect((await reply("advocate", first!.id, "A live reply")).statusCode).toBe(201);
    const expected = { kind: "comments-changed", threadId: first!.id };
    await eventually(
      () => raw.received.some((bytes) => JSON.stringify(decodeAccordEvent(bytes)) === JSON.stringify(expected)),
      "the raw socket heard it",
    );
    await eventually(() => events.slice(seen).some((event) => event.threadId === first!.id), "the provider heard it");
    expect(events.slice(seen)).toEqual([{ policyId, ...expected }]);
  });
});
