import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { encodeAwarenessMessage, encodeSyncUpdate } from "@accord/collab";
import { connectRaw, eventually } from "@accord/test-support/collab-clients.js";
import { openRawDraft } from "@accord/test-support/raw-draft-client.js";
import { startTestAccord, type TestAccord } from "@accord/test-support/test-app.js";

/** An update made by a throwaway client: `build` edits the content fragment. */
function updateBy(build: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc.getXmlFragment("prosemirror"), doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function paragraph(text: string, attributes?: Record<string, unknown>): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  const yText = new Y.XmlText();
  yText.insert(0, text, attributes);
  element.insert(0, [yText]);
  return element;
}

/** A small deterministic PRNG (mulberry32), so a failing fuzz run can be replayed from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("hostile input on the collaboration socket", () => {
  let accord: TestAccord;
  let origin = "";
  let policyId = "";
  let editorCookie = "";
  const serverState = () => Y.encodeStateVector(accord.app.collabRegistry.peek(policyId)!.ydoc).join(",");
  const serverText = () => accord.app.collabRegistry.peek(policyId)!.ydoc.getXmlFragment("prosemirror").toString();

  beforeAll(async () => {
    accord = await startTestAccord("pglite", { env: { COLLAB_MAX_MESSAGE_BYTES: "65536", COLLAB_MESSAGES_PER_SECOND: "1000" } });
    origin = await accord.listen();
    editorCookie = await accord.logIn("officer@accord.test");
    const facilitator = await accord.logIn("facilitator@accord.test");
    policyId = (await accord.request({ url: "/api/policies", cookie: facilitator })).json().policies[0].id;
  });
  afterAll(() => accord.close());

  /** Opens an editor's socket, sends the frames, and returns how it closed (or null if it stayed open). */
  async function sendAsEditor(frames: (Uint8Array | string)[]): Promise<number | null> {
    const raw = connectRaw(origin, `/collab/${policyId}`, { origin, cookie: editorCookie });
    await raw.opened;
    for (const frame of frames) raw.socket.send(frame);
    const outcome = await Promise.race([
      raw.closed.then((close) => close.code),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 300)),
    ]);
    if (outcome === null) raw.socket.close();
    return outcome;
  }

  const cases: [string, () => Uint8Array | string, number][] = [
    ["a text frame", () => "hello", 1003],
    ["an unknown message type", () => new Uint8Array([7, 0]), 1003],
    ["an auth message from a client", () => new Uint8Array([2, 0]), 1003],
    ["an unknown sync type", () => new Uint8Array([0, 9, 0]), 1003],
    ["a truncated varint", () => new Uint8Array([0, 0x80]), 1007],
    ["an overlong varint", () => new Uint8Array([0x80, 0x00]), 1007],
    ["a varint longer than 8 bytes", () => new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), 1007],
    ["a length past the end", () => new Uint8Array([0, 2, 50, 1, 2, 3]), 1007],
    ["trailing bytes", () => new Uint8Array([3, 0]), 1007],
    ["a corrupt update", () => encodeSyncUpdate(new Uint8Array([1, 200, 3, 4, 5, 6, 7, 8, 9])), 1007],
    ["a node the schema lacks", () => encodeSyncUpdate(updateBy((fragment) => fragment.push([new Y.XmlElement("script")]))), 4400],
    [
      "a javascript: link",
      () =>
        encodeSyncUpdate(
          updateBy((fragment) => fragment.push([paragraph("click", { link: { href: "javascript:alert(1)", title: null } })])),
        ),
      4400,
    ],
    ["a mark the schema lacks", () => encodeSyncUpdate(updateBy((fragment) => fragment.push([paragraph("x", { blink: {} })]))), 4400],
    [
      "a bogus attribute",
      () =>
        encodeSyncUpdate(
          updateBy((fragment) => {
            const heading = new Y.XmlElement("heading");
            heading.setAttribute("onclick", "alert(1)");
            fragment.push([heading]);
          }),
        ),
      4400,
    ],
    [
      "a heading level out of range",
      () =>
        encodeSyncUpdate(
          updateBy((fragment) => {
            const heading = new Y.XmlElement("heading");
            heading.setAttribute("level", 9 as never);
            fragment.push([heading]);
          }),
        ),
      4400,
    ],
    [
      "a Yjs text stored as an attribute value (invisible to ProseMirror)",
      () =>
        encodeSyncUpdate(
          updateBy((fragment) => {
            const hidden = paragraph("x");
            hidden.setAttribute("level", new Y.XmlText("an unbounded hidden payload") as never);
            fragment.push([hidden]);
          }),
        ),
      4400,
    ],
    [
      "a change to the server's own map",
      () => encodeSyncUpdate(updateBy((_fragment, doc) => doc.getMap("accord").set("lineage", "x"))),
      4400,
    ],
    ["another root type", () => encodeSyncUpdate(updateBy((_fragment, doc) => doc.getText("elsewhere").insert(0, "x"))), 4400],
    ["a message over the size limit", () => encodeSyncUpdate(updateBy((fragment) => fragment.push([paragraph("x".repeat(70_000))]))), 1009],
    [
      "an oversized awareness state",
      () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint(encoder, 12345);
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarString(encoder, JSON.stringify({ padding: "x".repeat(5000) }));
        return encodeAwarenessMessage(encoding.toUint8Array(encoder));
      },
      1009,
    ],
  ];

  it.each(cases)("closes only that socket on %s, and the document is unchanged", async (_name, frame, expectedCode) => {
    // Load the document through a well-behaved client first, so there is something to compare.
    const keeper = connectRaw(origin, `/collab/${policyId}`, { origin, cookie: editorCookie });
    await keeper.opened;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = [serverState(), serverText()];
    expect(await sendAsEditor([frame()])).toBe(expectedCode);
    expect([serverState(), serverText()]).toEqual(before);
    // The well-behaved client is untouched and the server still answers.
    expect(keeper.socket.readyState).toBe(keeper.socket.OPEN);
    expect((await accord.request({ url: "/api/health" })).statusCode).toBe(200);
    keeper.socket.close();
  });

  it("refuses a Yjs text written over an existing attribute with 4400, and accepts a heading's new level", async () => {
    const headingOf = (fragment: Y.XmlFragment) =>
      fragment.createTreeWalker((node) => node instanceof Y.XmlElement && node.nodeName === "heading").next().value as Y.XmlElement;
    const editor = await openRawDraft(origin, policyId, editorCookie);
    const hostile = await openRawDraft(origin, policyId, editorCookie);
    const before = [serverState(), serverText()];
    // Written over the old value, the new one names no attribute in the update: only its neighbour does.
    hostile.send((fragment) => headingOf(fragment).setAttribute("level", new Y.XmlText("hidden") as never));
    expect(await hostile.closeCode(1_000)).toBe(4400);
    expect([serverState(), serverText()]).toEqual(before);

    const level = headingOf(editor.doc.getXmlFragment("prosemirror")).getAttribute("level") as unknown as number;
    editor.send((fragment) => headingOf(fragment).setAttribute("level", (level === 2 ? 1 : 2) as never));
    expect(await editor.closeCode(300)).toBeNull();
    const serverHeading = headingOf(accord.app.collabRegistry.peek(policyId)!.ydoc.getXmlFragment("prosemirror"));
    await eventually(() => serverHeading.getAttribute("level") === ((level === 2 ? 1 : 2) as never), "the new level is committed");
    hostile.close();
    editor.close();
  });

  it("refuses another client's awareness state changes without closing", async () => {
    const keeper = connectRaw(origin, `/collab/${policyId}`, { origin, cookie: editorCookie });
    await keeper.opened;
    const claim = encoding.createEncoder();
    encoding.writeVarUint(claim, 1);
    encoding.writeVarUint(claim, 4242);
    encoding.writeVarUint(claim, 1);
    encoding.writeVarString(claim, JSON.stringify({ cursor: null }));
    keeper.socket.send(encodeAwarenessMessage(encoding.toUint8Array(claim)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const awareness = accord.app.collabRegistry.peek(policyId)!.awareness;
    expect(awareness.getStates().get(4242)).toMatchObject({ user: { name: "Sgt. Marcus Reyes" } });

    const intruder = encoding.createEncoder();
    encoding.writeVarUint(intruder, 1);
    encoding.writeVarUint(intruder, 4242);
    encoding.writeVarUint(intruder, 2);
    encoding.writeVarString(intruder, "null");
    const otherCookie = await accord.logIn("citizen@accord.test");
    const other = connectRaw(origin, `/collab/${policyId}`, { origin, cookie: otherCookie });
    await other.opened;
    other.socket.send(encodeAwarenessMessage(encoding.toUint8Array(intruder)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(awareness.getStates().get(4242)).toMatchObject({ user: { name: "Sgt. Marcus Reyes" } });
    keeper.socket.close();
    other.socket.close();
  });

  it("survives a seeded mutation fuzz of valid messages, and a refused message never changes the document", async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const random = seededRandom(seed);
    const keeper = connectRaw(origin, `/collab/${policyId}`, { origin, cookie: editorCookie });
    await keeper.opened;
    const valid = [
      encodeSyncUpdate(updateBy((fragment) => fragment.push([paragraph("fuzz base text with some length to it")]))),
      encodeAwarenessMessage(
        (() => {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, 1);
          encoding.writeVarUint(encoder, 777);
          encoding.writeVarUint(encoder, 1);
          encoding.writeVarString(encoder, JSON.stringify({ cursor: { anchor: 1 } }));
          return encoding.toUint8Array(encoder);
        })(),
      ),
      new Uint8Array([0, 0, 1, 0]),
    ];
    let refused = 0;
    let accepted = 0;
    try {
      for (let round = 0; round < 120; round++) {
        const original = valid[Math.floor(random() * valid.length)]!;
        let mutated = Uint8Array.from(original);
        const mutation = Math.floor(random() * 3);
        if (mutation === 0) mutated = mutated.subarray(0, Math.floor(random() * mutated.length));
        else if (mutation === 1) {
          for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
            const position = Math.floor(random() * mutated.length);
            mutated[position] = (mutated[position] ?? 0) ^ (1 << Math.floor(random() * 8));
          }
        } else {
          const position = 1 + Math.floor(random() * Math.max(1, mutated.length - 1));
          mutated = Uint8Array.from([...mutated.subarray(0, position), 0xff, 0xff, 0xff, 0x7f, ...mutated.subarray(position)]);
        }
        const before = [serverState(), serverText()];
        const code = await sendAsEditor([mutated]);
        if (code !== null) {
          refused++;
          expect([1003, 1007, 1009, 1013, 4400], `round ${round}`).toContain(code);
          expect([serverState(), serverText()], `round ${round}: a refused message changed the document`).toEqual(before);
        } else accepted++;
      }
    } catch (error) {
      throw new Error(`Fuzz failed with FUZZ_SEED=${seed}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    expect(refused + accepted).toBe(120);
    expect(refused).toBeGreaterThan(0);
    expect(keeper.socket.readyState).toBe(keeper.socket.OPEN);
    expect((await accord.request({ url: "/api/health" })).statusCode).toBe(200);
    keeper.socket.close();
  });
});
