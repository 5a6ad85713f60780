import * as Y from "yjs";
import { policyMarkSpecs, policyNodeSpecs } from "@accord/policy-schema";
import { placementResolver, type KnownStructs, type Placement } from "./entry-keys.js";
import { CollabProtocolError } from "./protocol-error.js";
import { collabCloseCodes } from "./protocol.js";

/** The Y.XmlFragment holding the ProseMirror content (a stable contract with clients). */
export const contentFragmentName = "prosemirror";
/** The Y.Map the server alone writes: the document's lineage and other server facts. */
export const serverMapName = "accord";
export type { KnownStructs } from "./entry-keys.js";

// y-prosemirror maps every ProseMirror node except text to a Y.XmlElement named after the node type,
// node attributes to element attributes, text to Y.XmlText, and marks to text formatting attributes
// whose value is the mark's attrs.
const elementNames = new Set(Object.keys(policyNodeSpecs).filter((name) => name !== "doc" && name !== "text"));
const markNames = new Set(Object.keys(policyMarkSpecs));

type AttrValidator = (value: unknown) => void;
const attributeValidators = new Map<string, AttrValidator>();
for (const spec of Object.values(policyNodeSpecs) as { attrs?: Record<string, { validate?: unknown }> }[]) {
  for (const [key, attr] of Object.entries(spec.attrs ?? {})) {
    if (typeof attr.validate === "function") attributeValidators.set(key, attr.validate as AttrValidator);
  }
}

function refuse(message: string): never {
  throw new CollabProtocolError(collabCloseCodes.contentRefused, message);
}

function checkMarkValue(name: string, value: unknown): void {
  if (value === null) return; // the end of a formatted run
  if (typeof value !== "object" || Array.isArray(value)) refuse(`The "${name}" mark carries a malformed value.`);
  const attrs = value as Record<string, unknown>;
  const allowed = Object.keys((policyMarkSpecs as Record<string, { attrs?: object }>)[name]?.attrs ?? {});
  for (const key of Object.keys(attrs)) {
    if (!allowed.includes(key)) refuse(`The "${name}" mark has no attribute "${key}".`);
  }
  const validators = (policyMarkSpecs as Record<string, { attrs?: Record<string, { validate?: unknown }> }>)[name]?.attrs ?? {};
  for (const [key, attr] of Object.entries(validators)) {
    if (typeof attr.validate !== "function") continue;
    try {
      (attr.validate as AttrValidator)(attrs[key]);
    } catch (error) {
      refuse(`The "${name}" mark's ${key} is not allowed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function checkItem(item: Y.Item, placement: Placement): void {
  // Yjs types `parent` as a type or an ID, but a decoded update names a root by its string key.
  const parentKey: unknown = item.parent;
  if (typeof parentKey === "string" && parentKey !== contentFragmentName) {
    refuse(`Clients may only change the "${contentFragmentName}" content, not "${parentKey}".`);
  }
  // Placed next to an entry of another root, an item joins that root: even deleted content there would
  // overwrite (delete) the entry it follows.
  if (placement.status === "placed" && typeof placement.parent === "object" && placement.parent.root !== contentFragmentName) {
    refuse(`Clients may only change the "${contentFragmentName}" content, not "${placement.parent.root}".`);
  }
  const content = item.content;
  // Deleted content, or content dropped on arrival (it lands next to collected content), adds nothing.
  if (content instanceof Y.ContentDeleted || placement.status === "collected") return;
  if (placement.status === "unknown") {
    throw new CollabProtocolError(
      collabCloseCodes.missingDependencies,
      "The update builds on changes the server does not have yet, so it cannot be checked; reconnect to send them first.",
    );
  }
  const { key, parent } = placement;
  if (parent === "other") refuse("Content may only be written into ProseMirror elements and text.");
  if (key !== null) {
    // An attribute (a map entry) holds a validated plain value, nothing else: a Yjs type or a string
    // stored there is invisible to ProseMirror, an unbounded hidden payload that skips every check.
    if (!(content instanceof Y.ContentAny)) refuse(`The attribute "${key}" may only hold a plain value, not ${content.constructor.name}.`);
    const validate = attributeValidators.get(key);
    if (!validate) refuse(`No policy node has an attribute "${key}".`);
    if (content.arr.length !== 1) refuse(`The attribute "${key}" has a malformed value.`);
    try {
      validate(content.arr[0]);
    } catch (error) {
      refuse(`The attribute "${key}" is not allowed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return;
  }
  // y-prosemirror reads characters and marks only from a Y.XmlText, and only elements and texts from an
  // element or the fragment: anything else makes every ProseMirror conversion of the document fail.
  const inText = parent === "text";
  if (content instanceof Y.ContentString) {
    if (!inText) refuse("Characters may only be written into a text, not directly into an element.");
    return;
  }
  if (content instanceof Y.ContentType) {
    if (inText) refuse("Elements and texts may not be written inside a text.");
    const type = content.type;
    if (type instanceof Y.XmlText) return;
    if (type instanceof Y.XmlElement && !(type instanceof Y.XmlHook)) {
      if (!elementNames.has(type.nodeName)) refuse(`The policy schema has no "${type.nodeName}" node.`);
      return;
    }
    refuse("Only ProseMirror elements and text may be inserted.");
  }
  if (content instanceof Y.ContentFormat) {
    if (!inText) refuse("Marks may only be written into a text, not directly into an element.");
    if (!markNames.has(content.key)) refuse(`The policy schema has no "${content.key}" mark.`);
    checkMarkValue(content.key, content.value);
    return;
  }
  refuse(`Content of type ${content.constructor.name} is not part of a policy document.`);
}

/**
 * Checks a client's Yjs update without applying it: it must decode completely (else 1007) and may only
 * insert ProseMirror elements, text, marks and attributes of the policy schema, with safe links, into the
 * content fragment, each where y-prosemirror reads it: characters and marks in a Y.XmlText, elements and
 * texts in an element or the fragment (else 4400). Deletions are always well-formed. The live document is never touched, so
 * a refused update changes nothing.
 *
 * `known` is what the update may build on (the server's document and the updates in flight): an item
 * placed next to one of those takes its place (its parent, and a list or a map key) from it, and an item
 * may name one of those as its parent. An item placed
 * next to something the server does not have cannot be checked: 1013, and the provider reconnects.
 *
 * Returns the Yjs clients whose structs the update writes, each with the lowest clock it writes, read from
 * the same decoding, so that the caller does not decode the update again to find them (the server's
 * `novelPartOf`, on every update).
 */
export function inspectClientUpdate(update: Uint8Array, known?: KnownStructs): ReadonlyMap<number, number> {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    throw new CollabProtocolError(
      collabCloseCodes.invalidPayload,
      `The update is corrupt: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const structs = decoded.structs;
  const placementOf = placementResolver(structs, known);
  const writers = new Map<number, number>();
  for (const struct of structs) {
    const { client, clock } = struct.id;
    const lowest = writers.get(client);
    if (lowest === undefined || clock < lowest) writers.set(client, clock);
    if (struct instanceof Y.Item) checkItem(struct, placementOf(struct));
  }
  return writers;
}
