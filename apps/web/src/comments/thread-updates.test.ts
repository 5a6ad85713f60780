import type { CommentView, ThreadView } from "@accord/api-contract";
import { describe, expect, it } from "vitest";
import { withComment, withThread } from "./thread-updates.js";

const author = { id: "u1", name: "Officer", affiliation: "police" };

function buildComment(id: string, threadId: string, body: string | null = "Text."): CommentView {
  return {
    id,
    threadId,
    author,
    body,
    mentions: [],
    createdAt: "2026-03-01T10:00:00.000Z",
    editedAt: null,
    deleted: body === null,
    hidden: null,
  };
}

function buildThread(id: string, comments: CommentView[] = [buildComment(`${id}-c1`, id)]): ThreadView {
  return {
    id,
    policyId: "p1",
    anchor: { start: "AA==", end: "AA==" },
    quote: "quoted",
    originalQuote: "quoted",
    onDeletedText: false,
    status: "open",
    createdAt: "2026-03-01T10:00:00.000Z",
    createdBy: author,
    resolvedAt: null,
    resolvedBy: null,
    comments,
  };
}

describe("withThread", () => {
  it("adds a new thread at the end and replaces a known one in place", () => {
    const first = buildThread("t1");
    const second = buildThread("t2");
    expect(withThread([first], second).map((thread) => thread.id)).toEqual(["t1", "t2"]);
    const resolved = { ...first, status: "resolved" as const };
    expect(withThread([first, second], resolved)).toEqual([resolved, second]);
  });
});

describe("withComment", () => {
  it("adds a reply to the end of its thread and leaves other threads alone", () => {
    const first = buildThread("t1");
    const second = buildThread("t2");
    const reply = buildComment("t1-c2", "t1");
    const updated = withComment([first, second], reply);
    expect(updated[0]?.comments.map((comment) => comment.id)).toEqual(["t1-c1", "t1-c2"]);
    expect(updated[1]).toBe(second);
  });

  it("replaces an edited or deleted comment where it was", () => {
    const thread = buildThread("t1", [buildComment("c1", "t1"), buildComment("c2", "t1")]);
    const deleted = buildComment("c1", "t1", null);
    expect(withComment([thread], deleted)[0]?.comments).toEqual([deleted, thread.comments[1]]);
  });
});
