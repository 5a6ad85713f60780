import { suggestionAttrsOf, suggestionMarkOf, type SuggestionAttrs, type SuggestionKind } from "@accord/policy-schema";
import type { Node } from "prosemirror-model";
import { Plugin, PluginKey, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet, type DecorationAttrs } from "prosemirror-view";
import { affiliationColor, suggestionTooltip, unknownAuthorName, type AuthorInfo } from "./suggestion-wording.js";

/**
 * How suggested text looks in the editor. The schema renders the marks as <ins>/<del> with the
 * affiliation in data attributes; this plugin adds, over each suggested run, the affiliation's colour
 * (as a CSS custom property, which ProseMirror sets through the CSSOM, so the Content-Security-Policy
 * allows it) and a tooltip naming the author, their affiliation and the time.
 */

/** User id → name and affiliation, as the page learns them from the API. */
export type AuthorDirectory = ReadonlyMap<string, AuthorInfo>;

interface DecorationState {
  authors: AuthorDirectory;
  decorations: DecorationSet;
}

const suggestionDecorationsKey = new PluginKey<DecorationState>("accord-suggestion-decorations");

/** A transaction handing the plugin the names of the authors (it changes nothing else). */
export function setSuggestionAuthors(tr: Transaction, authors: AuthorDirectory): Transaction {
  return tr.setMeta(suggestionDecorationsKey, authors);
}

/** The attributes of one suggested run: its kind's class, its affiliation's colour, its tooltip. */
export function suggestionRunAttrs(kind: SuggestionKind, attrs: SuggestionAttrs, authors: AuthorDirectory): DecorationAttrs {
  const name = authors.get(attrs.author)?.name ?? unknownAuthorName;
  return {
    class: `suggestion-run suggestion-run-${kind}`,
    // The colour follows the affiliation recorded on the suggestion, which is what the server checked.
    style: `--suggestion-color: ${affiliationColor(attrs.affiliation)}`,
    title: suggestionTooltip({ name, affiliation: attrs.affiliation }, attrs.time),
  };
}

/** The decorations of every suggested run of the document. */
export function suggestionDecorations(doc: Node, authors: AuthorDirectory): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    const mark = suggestionMarkOf(node);
    if (!mark) return false;
    const runAttrs = suggestionRunAttrs(mark.type.name as SuggestionKind, suggestionAttrsOf(mark), authors);
    decorations.push(Decoration.inline(pos, pos + node.nodeSize, runAttrs, { suggestionId: suggestionAttrsOf(mark).id }));
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/** The plugin showing suggestions coloured by affiliation, with their tooltips. */
export function suggestionDecorationsPlugin(): Plugin<DecorationState> {
  return new Plugin<DecorationState>({
    key: suggestionDecorationsKey,
    state: {
      init: (_config, state) => ({ authors: new Map(), decorations: suggestionDecorations(state.doc, new Map()) }),
      apply(tr, current, _oldState, newState) {
        const authors = (tr.getMeta(suggestionDecorationsKey) as AuthorDirectory | undefined) ?? current.authors;
        if (!tr.docChanged && authors === current.authors) return current;
        return { authors, decorations: suggestionDecorations(newState.doc, authors) };
      },
    },
    props: {
      decorations: (state) => suggestionDecorationsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}
