import { numberSections } from "@accord/policy-schema";
import type { Node } from "prosemirror-model";
import { Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

/**
 * Section numbers ("4", "4.2", "4.2.b") in front of each heading. They are computed by the shared
 * `numberSections`, the same rule the server and the public site use, and shown as widget decorations:
 * never typed, never stored in the document, and renumbered on every change, including other people's.
 */

/** The plugin's key, so tests and other plugins can read the current numbers. */
export const sectionNumbersKey = new PluginKey<DecorationSet>("accord-section-numbers");

function numberWidget(number: string): HTMLElement {
  const span = document.createElement("span");
  span.className = "section-number";
  span.textContent = number;
  return span;
}

/** A widget at the start of each heading's text showing its computed number. */
export function sectionNumberDecorations(doc: Node): DecorationSet {
  const decorations = numberSections(doc).map((section) =>
    // pos + 1 is inside the heading, before its text. side -1 keeps the caret after the number, and the
    // key lets ProseMirror reuse the DOM while the number stays the same.
    Decoration.widget(section.pos + 1, () => numberWidget(section.number), {
      side: -1,
      key: `section-${section.number}`,
      ignoreSelection: true,
      marks: [],
    }),
  );
  return DecorationSet.create(doc, decorations);
}

/** Keeps the section-number widgets up to date with the document. */
export function sectionNumbersPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: sectionNumbersKey,
    state: {
      init: (_config, state) => sectionNumberDecorations(state.doc),
      // Recomputed rather than mapped: inserting one heading renumbers every later one, and a policy has
      // at most a few hundred top-level blocks, so a full pass is cheap.
      apply: (tr, previous) => (tr.docChanged ? sectionNumberDecorations(tr.doc) : previous),
    },
    props: {
      decorations: (state) => sectionNumbersKey.getState(state),
    },
  });
}
