import { toSuggestionTransaction, type Suggester } from "@accord/policy-schema";
import type { EditorState, Transaction } from "prosemirror-state";
import { ySyncPluginKey } from "y-prosemirror";
import { markEditRefused, suggestionModeOf } from "./suggestion-mode.js";

/**
 * The editor's dispatch wrapper for suggestion mode: while it is on, every local edit is turned into
 * tracked insertions and deletions before it reaches the document, and an edit that cannot be a
 * suggestion (a new paragraph, formatting) is dropped with a hint. The server refuses such edits from
 * suggest-only members anyway (close code 4422); dropping them here keeps their copy from ever holding one.
 */

/** The hint shown when an edit in suggestion mode could not become a suggestion. */
export const suggestionRefusedHint =
  "In suggestion mode you can change words within a paragraph; new paragraphs and formatting need an editor.";

/**
 * True for an edit made in this browser. y-prosemirror marks the changes it brings in from the Yjs
 * document (other people's edits, and my own undo and redo, which Yjs replays) as change-origin
 * transactions: those are already what the document holds and must pass untouched.
 */
export function isLocalEdit(tr: Transaction): boolean {
  if (!tr.docChanged) return false;
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: unknown } | undefined;
  return !sync?.isChangeOrigin;
}

const suggestionIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A fresh suggestion id: a random UUID (36 characters of hex digits and hyphens, inside the schema's
 * 1-64 of [A-Za-z0-9_-]). crypto.randomUUID exists only on secure pages (https, localhost); on a plain
 * http address the same 128 random bits come from getRandomValues, as hex.
 */
export function newSuggestionId(random: Pick<Crypto, "getRandomValues"> & { randomUUID?: () => string } = crypto): string {
  const id =
    typeof random.randomUUID === "function"
      ? random.randomUUID()
      : Array.from(random.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
  if (!suggestionIdPattern.test(id)) throw new Error(`A suggestion id must be 1-64 of [A-Za-z0-9_-], got ${JSON.stringify(id)}.`);
  return id;
}

/**
 * The transaction to apply in place of `tr`: `tr` itself when suggestion mode is off or it is not a local
 * edit; its suggestion form when it can be one; otherwise a transaction that changes nothing but shows
 * the hint.
 */
export function suggestionAwareTransaction(
  state: EditorState,
  tr: Transaction,
  suggester: Suggester,
  now: () => Date = () => new Date(),
  newId: () => string = newSuggestionId,
): Transaction {
  if (!suggestionModeOf(state).on || !isLocalEdit(tr)) return tr;
  return toSuggestionTransaction(state, tr, suggester, now(), newId) ?? markEditRefused(state.tr);
}
