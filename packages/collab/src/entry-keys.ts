import * as Y from "yjs";

/** What a client's update may build on: the server's document, and the updates on their way into it. */
export interface KnownStructs {
  doc: Y.Doc;
  /** Updates appended to the update log but not yet applied to `doc`. */
  inFlight?: Iterable<Uint8Array>;
}

/**
 * The Yjs type an item lands in: a root type by its name, a Y.XmlElement, a Y.XmlText, or any other
 * type (a map, an array, a plain text, a nested fragment, or content that is not a type at all).
 */
export type ParentKind = { root: string } | "element" | "text" | "other";

/**
 * Where an item lands, as Yjs integrates it: placed in a parent under a key (null in a list), dropped
 * on arrival because it lands next to or inside garbage-collected content, or unknown because it builds
 * on a struct the server does not have. A discriminated union, so no attribute name can pass for a status.
 */
export type Placement = { status: "placed"; key: string | null; parent: ParentKind } | { status: "collected" } | { status: "unknown" };

type DecodedStruct = Y.Item | Y.GC | Y.Skip;

/** The structs of one decoded update by client, in clock order, to find the one holding an id. */
class DecodedStructs {
  private readonly byClient = new Map<number, DecodedStruct[]>();

  constructor(structs: readonly DecodedStruct[]) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  find(id: Y.ID): DecodedStruct | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = list[middle]!;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct;
    }
    return undefined;
  }
}

function kindOfType(type: unknown): ParentKind {
  if (type instanceof Y.XmlText) return "text";
  if (type instanceof Y.XmlElement) return "element";
  return "other";
}

/** The placement of an item whose parent type is `parentItem` (the item holding that type). */
function placementIn(parentItem: DecodedStruct, key: string | null): Placement {
  if (parentItem instanceof Y.GC) return { status: "collected" };
  if (!(parentItem instanceof Y.Item)) return { status: "unknown" }; // a Skip: a gap in its update
  // A type collected after its deletion leaves ContentDeleted: Yjs drops what is written into it.
  if (parentItem.content instanceof Y.ContentDeleted) return { status: "collected" };
  const type = parentItem.content instanceof Y.ContentType ? parentItem.content.type : null;
  return { status: "placed", key, parent: kindOfType(type) };
}

/**
 * Resolves where an update's items land, as Yjs does on integrating them: the key (an attribute, or
 * null in a list) and the kind of the parent type. An item names its parent by a root name, or by the
 * id of the item holding the type (in the same update, an update in flight, or the document). An item
 * written with an origin (left neighbour) or right origin carries no parent and no key in the update: it
 * takes both from that neighbour. So an attribute overwritten (the new value placed after the old one) is
 * a map entry although its decoded `parentSub` is null, and characters typed next to an element land in
 * that element's parent: a check must see both.
 */
export function placementResolver(structs: readonly DecodedStruct[], known?: KnownStructs): (item: Y.Item) => Placement {
  const sources = [new DecodedStructs(structs)];
  let inFlight = known?.inFlight ? [...known.inFlight] : [];
  const memo = new Map<Y.Item, Placement>();

  const findDecoded = (id: Y.ID): DecodedStruct | undefined => {
    for (const source of sources) {
      const found = source.find(id);
      if (found) return found;
    }
    // The updates in flight are decoded only when needed, one at a time.
    while (inFlight.length > 0) {
      const [next, ...rest] = inFlight;
      inFlight = rest;
      const source = new DecodedStructs(Y.decodeUpdate(next!).structs);
      sources.push(source);
      const found = source.find(id);
      if (found) return found;
    }
    return undefined;
  };

  const inDocument = (id: Y.ID): Y.Item | Y.GC | undefined => {
    if (!known || id.clock >= Y.getState(known.doc.store, id.client)) return undefined;
    return Y.getItem(known.doc.store, id);
  };

  /** Where an integrated item of the document is (what a neighbour placed next to it inherits). */
  const placementOfIntegrated = (item: Y.Item): Placement => {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!parent) return { status: "collected" };
    const kind: ParentKind = parent._item === null ? { root: Y.findRootTypeKey(parent) } : kindOfType(parent);
    return { status: "placed", key: item.parentSub, parent: kind };
  };

  /** Where an item that names its parent lands. */
  const placementOfNamed = (item: Y.Item): Placement => {
    const parent = item.parent as string | Y.ID;
    if (typeof parent === "string") return { status: "placed", key: item.parentSub, parent: { root: parent } };
    const holder = findDecoded(parent) ?? inDocument(parent);
    return holder ? placementIn(holder, item.parentSub) : { status: "unknown" };
  };

  return (item) => {
    // Iterative, not recursive: a hostile update may chain any number of items.
    const path: Y.Item[] = [];
    const visited = new Set<DecodedStruct>();
    let current: DecodedStruct = item;
    let placement: Placement;
    for (;;) {
      if (current instanceof Y.GC) {
        placement = { status: "collected" };
        break;
      }
      if (!(current instanceof Y.Item) || visited.has(current)) {
        placement = { status: "unknown" }; // a Skip (a gap), or a cycle no real update holds
        break;
      }
      const remembered = memo.get(current);
      if (remembered !== undefined) {
        placement = remembered;
        break;
      }
      visited.add(current);
      path.push(current);
      if (current.parent !== null) {
        placement = placementOfNamed(current);
        break;
      }
      const neighbour: Y.ID | null = current.origin ?? current.rightOrigin;
      const next: DecodedStruct | undefined = neighbour ? findDecoded(neighbour) : undefined;
      if (!next) {
        const stored = neighbour ? inDocument(neighbour) : undefined;
        if (stored === undefined) placement = { status: "unknown" };
        else placement = stored instanceof Y.Item ? placementOfIntegrated(stored) : { status: "collected" };
        break;
      }
      current = next;
    }
    for (const passed of path) memo.set(passed, placement);
    return placement;
  };
}
