import { policySchema } from "@accord/policy-schema";
import { EditorState, TextSelection, type Plugin } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { initProseMirrorDoc, prosemirrorToYXmlFragment, updateYFragment, ySyncPlugin, ySyncPluginKey } from "y-prosemirror";
import * as Y from "yjs";
import { anchorContextOf, decodeAnchor, encodeAnchor } from "./anchors.js";
import {
  commentHighlightsKey,
  commentHighlightsPlugin,
  threadAtPosition,
  type HighlightChange,
  type HighlightedThread,
} from "./comment-highlights.js";

const { nodes } = policySchema;
const doc = (...paragraphs: string[]) =>
  nodes.doc.create(
    null,
    paragraphs.map((text) => nodes.paragraph.create(null, [policySchema.text(text)])),
  );

/** An editor state bound to a Yjs draft as y-prosemirror binds it, without a browser. */
function boundEditor(...paragraphs: string[]) {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment("prosemirror");
  prosemirrorToYXmlFragment(doc(...paragraphs), fragment);
  const drawn = initProseMirrorDoc(fragment, policySchema);
  let state = EditorState.create({
    schema: policySchema,
    doc: drawn.doc,
    plugins: [ySyncPlugin(fragment) as Plugin, commentHighlightsPlugin()],
  });
  const binding = ySyncPluginKey.getState(state).binding as { mapping: Map<unknown, unknown>; isOMark: Map<unknown, boolean> };
  for (const [type, node] of drawn.mapping) binding.mapping.set(type, node);

  const editor = {
    ydoc,
    fragment,
    get state() {
      return state;
    },
    send(change: HighlightChange) {
      state = state.apply(state.tr.setMeta(commentHighlightsKey, change));
    },
    /** A thread on the first occurrence of `words`. */
    threadOn(id: string, words: string, resolved = false): HighlightedThread {
      const from = editor.positionOf(words);
      const anchor = decodeAnchor(encodeAnchor(from, from + words.length, anchorContextOf(state)!))!;
      return { id, anchor, resolved };
    },
    positionOf(words: string): number {
      let found = -1;
      state.doc.descendants((node, position) => {
        if (found === -1 && node.isText && node.text?.includes(words)) found = position + node.text.indexOf(words);
      });
      return found;
    },
    /** Types at a position, then lets y-prosemirror write the change into Yjs, as its view update does. */
    type(position: number, text: string) {
      state = state.apply(state.tr.insertText(text, position));
      ydoc.transact(() => updateYFragment(ydoc, fragment, state.doc, binding as never));
    },
    moveCaret(position: number) {
      state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, position)));
    },
    get highlights() {
      return commentHighlightsKey.getState(state)!;
    },
    highlightedText() {
      return editor.highlights.decorations
        .find()
        .map(
          (decoration) =>
            `${state.doc.textBetween(decoration.from, decoration.to)}|${(decoration as unknown as { type: { attrs: { class: string } } }).type.attrs.class}`,
        );
    },
  };
  return editor;
}

describe("the comment highlights plugin", () => {
  it("highlights the text of the threads on show, resolved ones in their own style", () => {
    const editor = boundEditor("Officers keep footage for the retention period.");
    editor.send({ kind: "threads", threads: [editor.threadOn("t1", "footage"), editor.threadOn("t2", "retention", true)] });
    expect(editor.highlightedText()).toEqual(["footage|comment-highlight", "retention|comment-highlight comment-highlight-resolved"]);
  });

  it("selects the thread under the caret, and none once the caret leaves commented text", () => {
    const editor = boundEditor("Officers keep footage for the retention period.");
    editor.send({ kind: "threads", threads: [editor.threadOn("t1", "footage for the retention"), editor.threadOn("t2", "retention")] });
    editor.moveCaret(editor.positionOf("for"));
    expect(editor.highlights.activeThreadId).toBe("t1");
    // Inside both: the shorter, inner range wins.
    editor.moveCaret(editor.positionOf("tention"));
    expect(editor.highlights.activeThreadId).toBe("t2");
    expect(editor.highlightedText()).toContain("retention|comment-highlight comment-highlight-active");
    editor.moveCaret(2);
    expect(editor.highlights.activeThreadId).toBeNull();
  });

  it("keeps the highlight on its words while I type before them, and agrees with Yjs afterwards", () => {
    const editor = boundEditor("Officers keep footage.");
    editor.send({ kind: "threads", threads: [editor.threadOn("t1", "footage")] });
    editor.type(1, "All ");
    expect(editor.highlightedText()).toEqual(["footage|comment-highlight"]);
    const mapped = editor.highlights.places;
    editor.send({ kind: "recheck" });
    expect(editor.highlights.places).toEqual(mapped);
  });

  it("finds the text gone when someone else deletes it", () => {
    const editor = boundEditor("Officers keep footage.", "Access is logged.");
    editor.send({ kind: "threads", threads: [editor.threadOn("t1", "footage"), editor.threadOn("t2", "logged")] });
    // Another person's change arrives: Yjs changes first, then y-prosemirror redraws ProseMirror from it.
    const text = (editor.fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete("Officers keep ".length, "footage".length);
    const redrawn = initProseMirrorDoc(editor.fragment, policySchema);
    const binding = ySyncPluginKey.getState(editor.state).binding as { mapping: Map<unknown, unknown> };
    binding.mapping.clear();
    for (const [type, node] of redrawn.mapping) binding.mapping.set(type, node);
    const tr = editor.state.tr.replaceWith(0, editor.state.doc.content.size, redrawn.doc.content);
    tr.setMeta(ySyncPluginKey, { isChangeOrigin: true });
    const next = editor.state.apply(tr);
    const places = commentHighlightsKey.getState(next)!.places;
    expect(places.get("t1")).toEqual({ kind: "gone" });
    expect(places.get("t2")?.kind).toBe("range");
  });

  it("counts requests to comment, so the margin can open its composer", () => {
    const editor = boundEditor("Text.");
    editor.send({ kind: "compose" });
    editor.send({ kind: "compose" });
    expect(editor.highlights.composeRequests).toBe(2);
  });
});

describe("threadAtPosition", () => {
  it("includes both ends of a range and skips places that are not ranges", () => {
    const places = new Map([
      ["a", { kind: "range", from: 5, to: 10 } as const],
      ["b", { kind: "gone" } as const],
    ]);
    expect(threadAtPosition(places, 5)).toBe("a");
    expect(threadAtPosition(places, 10)).toBe("a");
    expect(threadAtPosition(places, 11)).toBeNull();
  });
});
