import { Type, type Static } from "typebox";
import { Closed } from "./schema-kit.js";

// A policy document in ProseMirror JSON (the policy schema's nodes and marks), as a draft and a version
// hold it. The properties are listed in the order of the canonical JSON (RFC 8785 sorts them), which is
// how versions are stored, so a version's content goes out in the order its content hash covers.

/** An attribute value: the policy schema's attributes are strings, numbers, booleans or null. */
export const AttrsSchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]));

/** A mark: `{ type: "link", attrs: { href: "https://…" } }`. */
export const MarkJsonSchema = Closed({ attrs: Type.Optional(AttrsSchema), type: Type.String() });

/** A node and, recursively, its content: `{ type: "paragraph", content: [{ type: "text", text: "…" }] }`. */
export const ProseMirrorJsonSchema = Type.Cyclic(
  {
    PolicyNode: Closed({
      attrs: Type.Optional(AttrsSchema),
      content: Type.Optional(Type.Array(Type.Ref("PolicyNode"))),
      marks: Type.Optional(Type.Array(MarkJsonSchema)),
      text: Type.Optional(Type.String()),
      type: Type.String(),
    }),
  },
  "PolicyNode",
);
/** ProseMirror document JSON of the policy schema. */
export type ProseMirrorJson = Static<typeof ProseMirrorJsonSchema>;
