import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import canonicalize from "canonicalize";
import type { Node } from "prosemirror-model";
import { parsePolicyDocument } from "./validate.js";

/**
 * The canonical form of a policy document, which a version's content hash covers:
 *   1. the ProseMirror JSON as the policy schema normalises it (`parsePolicyDocument(json).toJSON()`:
 *      default attributes filled in, adjacent text with the same marks joined, marks in schema order);
 *   2. written as RFC 8785 canonical JSON (keys sorted, no white space, minimal escaping);
 *   3. hashed with SHA-256 over its UTF-8 bytes, in lowercase hex.
 * The stored canonical JSON is exactly the hashed text, so `sha256(canonicalJSON)` verifies it anywhere.
 */
export interface CanonicalDocument {
  /** The canonical JSON text (the exact bytes the hash covers). */
  json: string;
  /** SHA-256 of `json`, lowercase hex. */
  hash: string;
  /** The normalised document. */
  node: Node;
}

/** The canonical form and content hash of a policy document given as ProseMirror JSON. */
export function canonicalizeDocument(documentJSON: unknown): CanonicalDocument {
  const node = parsePolicyDocument(documentJSON);
  const json = canonicalize(node.toJSON());
  if (json === undefined) throw new Error("The document could not be written as canonical JSON.");
  return { json, hash: contentHash(json), node };
}

/** SHA-256 of a text's UTF-8 bytes, lowercase hex: the content hash of a canonical JSON text. */
export function contentHash(canonicalJSON: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalJSON)));
}
