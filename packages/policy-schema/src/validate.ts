import type { AttributeSpec, ContentMatch, MarkType, Node, NodeType } from "prosemirror-model";
import { policySchema } from "./schema.js";

/**
 * Thrown when JSON is not a policy document. `path` is a JSON Pointer to the offending value
 * (e.g. "/content/3/content/0/marks/1/attrs/href"), so the server can report it as a field.
 */
export class InvalidPolicyDocumentError extends Error {
  override readonly name = "InvalidPolicyDocumentError";
  constructor(
    message: string,
    /** JSON Pointer to the offending value; "" is the document itself. */
    readonly path: string,
  ) {
    super(path === "" ? message : `${message} (at ${path})`);
  }
}

type JsonObject = Record<string, unknown>;

const nodeKeys = new Set(["type", "attrs", "content", "marks", "text"]);
const markKeys = new Set(["type", "attrs"]);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  return JSON.stringify(value) ?? typeof value;
}

function fail(message: string, path: string): never {
  throw new InvalidPolicyDocumentError(message, path);
}

// Runs the validator the schema declares for an attribute, so the rule lives in one place (the
// schema, which also enforces it when the editor creates nodes) and only the path is added here.
function checkAttribute(spec: AttributeSpec, value: unknown, path: string): void {
  const validate = spec.validate;
  try {
    if (typeof validate === "function") validate(value);
    else if (typeof validate === "string") {
      const actual = value === null ? "null" : typeof value;
      if (!validate.split("|").includes(actual)) throw new RangeError(`Expected ${validate.replace("|", " or ")}, got ${describe(value)}.`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), path);
  }
}

function checkAttributes(type: NodeType | MarkType, kind: string, attrs: unknown, path: string): void {
  if (attrs !== undefined && !isObject(attrs)) fail(`The attrs of ${kind} "${type.name}" must be an object, got ${describe(attrs)}.`, path);
  const given: JsonObject = attrs ?? {};
  const specs = type.spec.attrs ?? {};
  for (const name of Object.keys(given)) {
    // Unknown attributes would be silently dropped by ProseMirror; refusing them keeps what the
    // server stores and hashes identical to what it was sent.
    if (!Object.hasOwn(specs, name)) fail(`${kind} "${type.name}" has no attribute "${name}".`, `${path}/${name}`);
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = given[name];
    if (value === undefined) {
      if (!Object.hasOwn(spec, "default")) fail(`${kind} "${type.name}" needs the attribute "${name}".`, path);
      continue;
    }
    checkAttribute(spec, value, `${path}/${name}`);
  }
}

function checkMarks(marks: unknown, parentType: NodeType, nodeType: NodeType, path: string): void {
  if (!Array.isArray(marks)) fail(`The marks must be an array, got ${describe(marks)}.`, path);
  if (!nodeType.isInline && marks.length > 0) fail(`Only inline nodes can carry marks, not "${nodeType.name}".`, path);
  const seen = new Set<string>();
  marks.forEach((mark: unknown, index) => {
    const markPath = `${path}/${index}`;
    if (!isObject(mark) || typeof mark["type"] !== "string")
      fail(`A mark must be an object with a string "type", got ${describe(mark)}.`, markPath);
    const name = mark["type"];
    for (const key of Object.keys(mark)) if (!markKeys.has(key)) fail(`A mark has no property "${key}".`, `${markPath}/${key}`);
    // hasOwn, so that names like "constructor" or "__proto__" can never resolve to anything.
    const markType = Object.hasOwn(policySchema.marks, name) ? policySchema.marks[name] : undefined;
    if (markType === undefined) fail(`Unknown mark type "${name}".`, `${markPath}/type`);
    if (seen.has(name)) fail(`The mark "${name}" appears twice on the same node.`, markPath);
    seen.add(name);
    if (!parentType.allowsMarkType(markType)) fail(`A "${parentType.name}" does not allow the mark "${name}".`, markPath);
    checkAttributes(markType, "Mark", mark["attrs"], `${markPath}/attrs`);
  });
}

function checkChildren(content: unknown, type: NodeType, path: string): void {
  if (content !== undefined && !Array.isArray(content)) fail(`The content must be an array, got ${describe(content)}.`, path);
  const children: unknown[] = content ?? [];
  if (type.isLeaf && children.length > 0) fail(`"${type.name}" cannot have content.`, path);
  // Walk the content expression one child at a time, so the message can name the first child
  // that does not fit instead of only saying that the node as a whole is invalid.
  let match: ContentMatch | null = type.contentMatch;
  children.forEach((child, index) => {
    const childPath = `${path}/${index}`;
    const childType = checkNode(child, type, childPath);
    match = match?.matchType(childType) ?? null;
    if (match === null) {
      fail(`A "${type.name}" cannot contain a "${childType.name}" here (its content must be "${type.spec.content ?? ""}").`, childPath);
    }
  });
  if (!(match as ContentMatch | null)?.validEnd) {
    fail(`A "${type.name}" is incomplete: its content must be "${type.spec.content ?? ""}".`, path);
  }
}

// Checks one node and its descendants; returns its type so the parent can match its content.
function checkNode(json: unknown, parentType: NodeType | null, path: string): NodeType {
  if (!isObject(json) || typeof json["type"] !== "string")
    fail(`A node must be an object with a string "type", got ${describe(json)}.`, path);
  const name = json["type"];
  for (const key of Object.keys(json)) if (!nodeKeys.has(key)) fail(`A node has no property "${key}".`, `${path}/${key}`);
  const type = Object.hasOwn(policySchema.nodes, name) ? policySchema.nodes[name] : undefined;
  if (type === undefined) fail(`Unknown node type "${name}".`, `${path}/type`);
  if (type.isText) {
    if (typeof json["text"] !== "string" || json["text"] === "")
      fail(`A text node needs non-empty "text", got ${describe(json["text"])}.`, `${path}/text`);
    if (json["content"] !== undefined) fail(`A text node cannot have content.`, `${path}/content`);
  } else if (json["text"] !== undefined) {
    fail(`Only text nodes have "text", not "${name}".`, `${path}/text`);
  }
  checkAttributes(type, "Node", json["attrs"], `${path}/attrs`);
  if (json["marks"] !== undefined && parentType !== null) checkMarks(json["marks"], parentType, type, `${path}/marks`);
  else if (json["marks"] !== undefined) fail(`The document itself cannot carry marks.`, `${path}/marks`);
  if (!type.isText) checkChildren(json["content"], type, `${path}/content`);
  return type;
}

/**
 * Builds a policy document from ProseMirror JSON, or throws an InvalidPolicyDocumentError whose
 * message says exactly what is wrong and where: an unknown node or mark type, an unknown or bad
 * attribute (a heading level other than 1–3, a link href that isAllowedHref refuses), or content
 * that the schema does not allow. The server uses it to refuse content before storing it.
 */
export function parsePolicyDocument(json: unknown): Node {
  // Our own walk comes first because it can name the offending value and its path;
  // ProseMirror's own checks below then stand behind it in case the two ever disagree.
  const type = checkNode(json, null, "");
  if (type !== policySchema.topNodeType) fail(`A policy document must be a "doc", got "${type.name}".`, "/type");
  let doc: Node;
  try {
    doc = policySchema.nodeFromJSON(json);
    doc.check();
  } catch (error) {
    throw new InvalidPolicyDocumentError(error instanceof Error ? error.message : String(error), "");
  }
  return doc;
}
