import * as Y from "yjs";
import { CollabProtocolError, refuseSuggestion } from "./protocol-error.js";
import { collabCloseCodes } from "./protocol.js";
import { UpdateNeighbourhood } from "./suggested-marks.js";
import type { Suggester } from "./suggestion-guard.js";
import { contentFragmentName } from "./update-inspection.js";

// The raw-struct allow-list of a suggest-only member's update. The JSON comparison of the draft before
// and after (checkSuggestOnlyChange) sees what the update does to the text as it stands; it cannot see
// what a struct will do to text that others type concurrently, nor writes that leave the JSON as it was
// (an attribute set to the value it already has still overrides a concurrent editor's change to it).
// So a suggester's update may hold only: text; suggestion marks in their own name (or ending one);
// marks that only restore what was there, around their new text (see suggested-marks.ts); deleted
// content, GC and Skip structs; and deletions. Everything else is refused.

/** The formatting attributes a suggester may write in their own name: the suggestion marks. */
const suggestionMarkNames = new Set(["insertion", "deletion"]);

/** More marks than any typed or pasted suggestion needs: each costs a walk along its text to check. */
const maxMarksPerUpdate = 500;

/** A suggester's update, decoded, with what can only be judged once it is applied. */
export interface SuggestedStructs {
  /** The first id of each item of the update. */
  readonly written: readonly Y.ID[];
  /** The first id of each text or mark item of the update: each must go into text of the content. */
  readonly placed: readonly Y.ID[];
  /** Marks opening a run of the suggester's own suggestion: each must open on text. */
  readonly ownOpenings: readonly Y.ID[];
  /** Any other mark (formatting, someone else's suggestion): each may only restore what was there, beside new text. */
  readonly otherMarks: readonly Y.ID[];
  /** The update's deletions. */
  readonly deletions: ReturnType<typeof Y.decodeUpdate>["ds"];
  readonly suggester: Suggester;
}

function article(key: string): string {
  return key === "insertion" ? "An insertion" : "A deletion";
}

/** True when a suggestion mark's value names the suggester: their user id and their affiliation. */
function namesSuggester(value: unknown, suggester: Suggester): boolean {
  if (typeof value !== "object" || value === null) return false;
  const attrs = value as Record<string, unknown>;
  return attrs["author"] === suggester.userId && attrs["affiliation"] === suggester.affiliation;
}

/**
 * Checks the structs of a suggest-only member's update before it is applied: a new element or text,
 * an attribute or map entry, or embedded or binary content throws a CollabProtocolError with close
 * code 4422. Returns what must be checked once applied (checkSuggestedPlacement). A corrupt update
 * throws with close code 1007.
 */
export function checkSuggestedStructs(update: Uint8Array, suggester: Suggester): SuggestedStructs {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new CollabProtocolError(collabCloseCodes.invalidPayload, "The update is corrupt.");
  }
  const structs = {
    written: [] as Y.ID[],
    placed: [] as Y.ID[],
    ownOpenings: [] as Y.ID[],
    otherMarks: [] as Y.ID[],
    deletions: decoded.ds,
    suggester,
  };
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip structs change nothing
    structs.written.push(struct.id);
    const content = struct.content;
    if (struct.parentSub !== null) {
      refuseSuggestion(`Suggestions may not set attributes or map entries ("${struct.parentSub}" was written).`);
    }
    if (content instanceof Y.ContentDeleted) continue;
    if (content instanceof Y.ContentString) {
      structs.placed.push(struct.id);
    } else if (content instanceof Y.ContentFormat) {
      structs.placed.push(struct.id);
      const isSuggestionMark = suggestionMarkNames.has(content.key);
      if (isSuggestionMark && content.value === null) continue; // the end of a suggestion
      if (isSuggestionMark && namesSuggester(content.value, suggester)) structs.ownOpenings.push(struct.id);
      else structs.otherMarks.push(struct.id);
      if (structs.ownOpenings.length + structs.otherMarks.length > maxMarksPerUpdate) {
        refuseSuggestion(`A suggestion may carry at most ${maxMarksPerUpdate} marks in one change.`);
      }
    } else if (content instanceof Y.ContentType) {
      refuseSuggestion(
        "Suggestions may not add paragraphs, headings or other elements: the document's structure is the editors' to change.",
      );
    } else if (content instanceof Y.ContentAny) {
      refuseSuggestion("Suggestions may not set attributes or map entries (a plain value was written).");
    } else {
      refuseSuggestion(`Suggestions may only insert text (${content.constructor.name} was sent).`);
    }
  }
  return structs;
}

/** The integrated item holding an id of the update, or null when it was collected (its content is gone). */
function itemAt(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
  return struct instanceof Y.Item ? struct : null;
}

function refuseOtherMark(mark: Y.Item, suggester: Suggester): never {
  const { key, value } = mark.content as Y.ContentFormat;
  if (suggestionMarkNames.has(key)) {
    const attrs = (value ?? {}) as Record<string, unknown>;
    if (attrs["author"] === suggester.userId) {
      refuseSuggestion(
        `${article(key)} mark gives the affiliation ${JSON.stringify(attrs["affiliation"] ?? null)}, but yours is ${JSON.stringify(suggester.affiliation)}.`,
      );
    }
    refuseSuggestion(
      `${article(key)} mark of author ${JSON.stringify(attrs["author"] ?? null)} was added or changed: you may only make or change suggestions in your own name.`,
    );
  }
  refuseSuggestion(`Suggestions may not change formatting ("${key}"): only insertion and deletion marks may be written.`);
}

/**
 * Checks, on a copy of the draft with the update applied, where the update's items went. None into a
 * map (an attribute: an item written after an attribute's old value names no key in the update). Text
 * and marks into a Y.XmlText of the content fragment. A new mark opening the suggester's own run must
 * open on visible text: at the end of a text, or right before another mark of its kind, it would take
 * in whatever an editor types there concurrently, which would come out as the suggester's suggestion
 * (theirs to delete). Any other new mark (someone else's suggestion re-opened, formatting closed) must
 * change no text that was there before and border the update's new text. `newSince` is the copy's
 * state vector before the update: older items (a resent update) were checked when they came. `doc`
 * must not collect garbage (`gc: false`): a mark the update deletes must still say what it was. Throws
 * a CollabProtocolError with close code 4422.
 */
export function checkSuggestedPlacement(doc: Y.Doc, structs: SuggestedStructs, newSince: Map<number, number>): void {
  const fragment = doc.getXmlFragment(contentFragmentName);
  for (const id of structs.written) {
    const item = itemAt(doc, id);
    if (item && item.parentSub !== null)
      refuseSuggestion(`Suggestions may not set attributes or map entries ("${item.parentSub}" was written).`);
  }
  for (const id of structs.placed) {
    const item = itemAt(doc, id);
    if (item && !(item.parent instanceof Y.XmlText && Y.isParentOf(fragment, item.parent._item))) {
      refuseSuggestion("Suggested text and marks may only go into the text of the draft's paragraphs and headings.");
    }
  }
  const isNew = (id: Y.ID) => id.clock >= (newSince.get(id.client) ?? 0);
  for (const id of structs.ownOpenings) {
    const mark = itemAt(doc, id);
    if (!mark || mark.deleted || !isNew(id)) continue;
    if (!UpdateNeighbourhood.opensOnText(mark)) {
      refuseSuggestion(
        `${article((mark.content as Y.ContentFormat).key)} mark opens on no text: text typed there later would silently become part of your suggestion.`,
      );
    }
  }
  const neighbourhood = new UpdateNeighbourhood(newSince, structs.deletions);
  for (const id of structs.otherMarks) {
    const mark = itemAt(doc, id);
    if (!mark || mark.deleted || !isNew(id)) continue;
    if (!neighbourhood.restoresFormatting(mark) || !neighbourhood.bordersNewText(mark)) refuseOtherMark(mark, structs.suggester);
  }
}
