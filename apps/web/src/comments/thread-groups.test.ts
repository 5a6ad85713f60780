import type { CommentView, Person, ThreadView } from "@accord/api-contract";
import { describe, expect, it } from "vitest";
import type { AnchorPlace } from "./anchors.js";
import { alignCards, filterThreads, groupThreads, involvesMe, type ThreadFilter } from "./thread-groups.js";

const me: Person = { id: "u-me", name: "Me", affiliation: "citizen" };
const officer: Person = { id: "u-officer", name: "Officer", affiliation: "police" };
const advocate: Person = { id: "u-advocate", name: "Advocate", affiliation: "community" };

function buildComment(overrides: Partial<CommentView> = {}): CommentView {
  return {
    id: "c1",
    threadId: "t1",
    author: officer,
    body: "A comment.",
    mentions: [],
    createdAt: "2026-03-01T10:00:00.000Z",
    editedAt: null,
    deleted: false,
    hidden: null,
    ...overrides,
  };
}

function buildThread(overrides: Partial<ThreadView> = {}): ThreadView {
  const createdBy = overrides.createdBy ?? officer;
  return {
    id: "t1",
    policyId: "p1",
    anchor: { start: "AA==", end: "AA==" },
    quote: "retention period",
    originalQuote: "retention period",
    onDeletedText: false,
    status: "open",
    createdAt: "2026-03-01T10:00:00.000Z",
    createdBy,
    resolvedAt: null,
    resolvedBy: null,
    comments: [buildComment({ author: createdBy })],
    ...overrides,
  };
}

const filter = (overrides: Partial<ThreadFilter>): ThreadFilter => ({ status: "all", mine: false, affiliation: "", ...overrides });
const ids = (threads: readonly ThreadView[]) => threads.map((thread) => thread.id);

describe("involvesMe", () => {
  it("counts threads I started, replied in or am mentioned in", () => {
    expect(involvesMe(buildThread({ createdBy: me }), me.id)).toBe(true);
    expect(involvesMe(buildThread({ comments: [buildComment(), buildComment({ id: "c2", author: me })] }), me.id)).toBe(true);
    expect(involvesMe(buildThread({ comments: [buildComment({ mentions: [me] })] }), me.id)).toBe(true);
    expect(involvesMe(buildThread(), me.id)).toBe(false);
  });
});

describe("filterThreads", () => {
  const open = buildThread({ id: "open" });
  const resolved = buildThread({ id: "resolved", status: "resolved", resolvedBy: officer, resolvedAt: "2026-03-02T10:00:00.000Z" });
  const mine = buildThread({ id: "mine", createdBy: me });
  const community = buildThread({ id: "community", createdBy: advocate });
  const all = [open, resolved, mine, community];

  it("shows open, resolved or all threads", () => {
    expect(ids(filterThreads(all, filter({ status: "open" }), me.id))).toEqual(["open", "mine", "community"]);
    expect(ids(filterThreads(all, filter({ status: "resolved" }), me.id))).toEqual(["resolved"]);
    expect(ids(filterThreads(all, filter({ status: "all" }), me.id))).toEqual(["open", "resolved", "mine", "community"]);
  });

  it("narrows to mine and to the affiliation of the person who started the thread, together", () => {
    expect(ids(filterThreads(all, filter({ mine: true }), me.id))).toEqual(["mine"]);
    expect(ids(filterThreads(all, filter({ affiliation: "community" }), me.id))).toEqual(["community"]);
    expect(ids(filterThreads(all, filter({ affiliation: "police", status: "open" }), me.id))).toEqual(["open"]);
    expect(ids(filterThreads(all, filter({ affiliation: "police", mine: true }), me.id))).toEqual([]);
  });
});

describe("groupThreads", () => {
  const range = (from: number, to: number): AnchorPlace => ({ kind: "range", from, to });

  it("orders threads by where their text is, with unplaced ones last and oldest first", () => {
    const threads = [
      buildThread({ id: "late-text", createdAt: "2026-03-01T09:00:00.000Z" }),
      buildThread({ id: "unplaced-new", createdAt: "2026-03-03T09:00:00.000Z" }),
      buildThread({ id: "early-text", createdAt: "2026-03-02T09:00:00.000Z" }),
      buildThread({ id: "unplaced-old", createdAt: "2026-03-01T08:00:00.000Z" }),
    ];
    const places = new Map<string, AnchorPlace>([
      ["late-text", range(40, 50)],
      ["early-text", range(3, 9)],
      ["unplaced-new", { kind: "unknown" }],
    ]);
    const groups = groupThreads(threads, places);
    expect(groups.onText.map((placed) => placed.thread.id)).toEqual(["early-text", "late-text", "unplaced-old", "unplaced-new"]);
    expect(groups.onDeletedText).toEqual([]);
  });

  it("lists threads on deleted text apart, whether the server or this browser found the text gone", () => {
    const threads = [
      buildThread({ id: "server-says", onDeletedText: true, createdAt: "2026-03-02T09:00:00.000Z" }),
      buildThread({ id: "gone-here", createdAt: "2026-03-01T09:00:00.000Z" }),
      buildThread({ id: "still-there" }),
    ];
    const places = new Map<string, AnchorPlace>([
      ["server-says", range(1, 5)],
      ["gone-here", { kind: "gone" }],
      ["still-there", range(10, 20)],
    ]);
    const groups = groupThreads(threads, places);
    expect(groups.onText.map((placed) => placed.thread.id)).toEqual(["still-there"]);
    expect(ids(groups.onDeletedText)).toEqual(["gone-here", "server-says"]);
  });
});

describe("alignCards", () => {
  it("puts each card at its text unless the card above is in the way", () => {
    const gaps = alignCards(
      [
        { wanted: 100, height: 80 },
        { wanted: 150, height: 40 },
        { wanted: 400, height: 50 },
      ],
      8,
    );
    // Tops: 100, 188 (pushed below the first), 400.
    expect(gaps).toEqual([100, 8, 172]);
  });

  it("stacks cards without text right under the one above", () => {
    expect(
      alignCards(
        [
          { wanted: null, height: 30 },
          { wanted: null, height: 30 },
        ],
        8,
      ),
    ).toEqual([0, 8]);
  });
});
