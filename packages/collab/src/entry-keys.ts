import * as Y from "yjs";

/** What a client's update may build on: the server's document, and the updates on their way into it. */
export interface KnownStructs {
  doc: Y.Doc;
  /** Updates appended to the update log but not yet applied to `doc`. */
  inFlight?: Iterable<Uint8Array>;
}

/**
 * Where an item of an update goes, as far as checking it needs: into a map under this key (an
 * element's attribute), into a list (null: children of an element, characters and marks of a text),
 * `"collected"` when it lands next to garbage-collected content and is dropped on arrival, or
 * `"unknown"` when it builds on a struct the server does not have.
 */
export type EntryKey = string | null | "collected" | "unknown";

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

/**
 * Resolves the entry key of an update's items as Yjs does on integrating them. An item written with
 * an origin (left neighbour) or right origin carries no parent and no key in the update: it takes both
 * from that neighbour, found in the same update, an update in flight, or the document. So an
 * attribute overwritten (the new value placed after the old one) is a map entry although its decoded
 * `parentSub` is null: a check must see it as one.
 */
export function entryKeyResolver(structs: readonly DecodedStruct[], known?: KnownStructs): (item: Y.Item) => EntryKey {
  const sources = [new DecodedStructs(structs)];
  let inFlight = known?.inFlight ? [...known.inFlight] : [];
  const memo = new Map<Y.Item, EntryKey>();

  const findDecoded = (id: Y.ID): DecodedStruct | undefined => {
    for (const source of sources) {
      const found = source.find(id);
      if (found) return found;
    }
    // The updates in flight are decoded only when needed, one at a time.
    while (inFlight.length > 0) {
      const [next, ...rest] = inFlight;
      inFlight = rest;
      const source = new DecodedStructs(Y.decodeUpdate(next!).structs as DecodedStruct[]);
      sources.push(source);
      const found = source.find(id);
      if (found) return found;
    }
    return undefined;
  };

  const inDocument = (id: Y.ID): EntryKey | undefined => {
    if (!known || id.clock >= Y.getState(known.doc.store, id.client)) return undefined;
    const struct = Y.getItem(known.doc.store, id) as Y.Item | Y.GC;
    return struct instanceof Y.Item ? struct.parentSub : "collected";
  };

  return (item) => {
    // Iterative, not recursive: a hostile update may chain any number of items.
    const path: Y.Item[] = [];
    const visited = new Set<DecodedStruct>();
    let current: DecodedStruct = item;
    let key: EntryKey;
    for (;;) {
      if (current instanceof Y.GC) {
        key = "collected";
        break;
      }
      if (!(current instanceof Y.Item) || visited.has(current)) {
        key = "unknown"; // a Skip (a gap), or a cycle no real update holds
        break;
      }
      const remembered = memo.get(current);
      if (remembered !== undefined) {
        key = remembered;
        break;
      }
      if (current.parent !== null) {
        key = current.parentSub;
        break;
      }
      visited.add(current);
      path.push(current);
      const neighbour: Y.ID | null = current.origin ?? current.rightOrigin;
      const next: DecodedStruct | undefined = neighbour ? findDecoded(neighbour) : undefined;
      if (!next) {
        const stored = neighbour ? inDocument(neighbour) : undefined;
        key = stored === undefined ? "unknown" : stored;
        break;
      }
      current = next;
    }
    for (const passed of path) memo.set(passed, key);
    return key;
  };
}
