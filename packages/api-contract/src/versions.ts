import { Type, type Static } from "typebox";
import { errorAnswers, policyChange, policyRead } from "./errors.js";
import { PolicyIdParams } from "./policies.js";
import { ProseMirrorJsonSchema } from "./prosemirror.js";
import { RedlineSchema } from "./redline.js";
import { Closed, MultiLineTextSchema, Nullable, NullableString, TimestampSchema, type Endpoint } from "./schema-kit.js";

const versionSummaryProperties = {
  number: Type.Integer(),
  label: Type.String(),
  note: Type.String(),
  authorId: Nullable(Type.String(), { description: "null when the author's account is no longer known" }),
  authorName: NullableString,
  createdAt: TimestampSchema,
  contentHash: Type.String({ description: "SHA-256 (hex) of the version's canonical JSON; approvals bind to it" }),
  wordCount: Type.Integer(),
  wordsAdded: Type.Integer({ description: "words inserted since the previous version (the first counts all its words)" }),
  wordsRemoved: Type.Integer(),
};

/** One saved version of a policy as the timeline lists it. */
export const VersionSummarySchema = Closed(versionSummaryProperties);
export type VersionSummary = Static<typeof VersionSummarySchema>;

/** One version with its content and the server's escaped HTML rendering of it (safe to insert as HTML). */
export const VersionDetailSchema = Closed({ ...versionSummaryProperties, content: ProseMirrorJsonSchema, html: Type.String() });
export type VersionDetail = Static<typeof VersionDetailSchema>;

/** What a restore did: the version restored, and the version that keeps the draft as it was (null when one already did). */
export const RestoreResultSchema = Closed({
  restored: Type.Integer(),
  savedVersion: Type.Union([VersionSummarySchema, Type.Null()], {
    description: "the draft as it was before the restore, saved first because it differed from the latest version",
  }),
});
export type RestoreResult = Static<typeof RestoreResultSchema>;

/** A redline between two sides, with people's labels of the sides and an escaped HTML fragment of it. */
export const RedlineResultSchema = Closed({
  from: Type.String(),
  to: Type.String(),
  summaryText: Type.String(),
  redline: RedlineSchema,
  html: Type.String(),
});
export type RedlineResult = Static<typeof RedlineResultSchema>;

/** A version to save from the committed draft. */
export const NewVersionSchema = Type.Object(
  { label: Type.String({ minLength: 1, maxLength: 120, pattern: "\\S" }), note: Type.Optional(MultiLineTextSchema({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type NewVersion = Static<typeof NewVersionSchema>;

/** The formats a version exports to. */
export const exportFormats = ["html", "md", "pdf", "docx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

const VersionParams = Type.Object({
  policyId: PolicyIdParams.properties.policyId,
  number: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
const SideSchema = Type.String({ pattern: "^(draft|[1-9][0-9]{0,6})$" });
/** The two sides of a comparison: a version number or `draft`. */
export const RedlineQuery = Type.Object({ from: SideSchema, to: SideSchema }, { additionalProperties: false });

/** Versions: the timeline, save, view, restore, redlines and exports. */
export const versionEndpoints = {
  /** GET /api/policies/:policyId/versions */
  list: {
    params: PolicyIdParams,
    response: { 200: Closed({ versions: Type.Array(VersionSummarySchema) }), ...errorAnswers(...policyRead) },
  },
  /** POST /api/policies/:policyId/versions: 409 version_unchanged when the draft equals a version. */
  save: {
    params: PolicyIdParams,
    body: NewVersionSchema,
    response: { 201: Closed({ version: VersionSummarySchema }), ...errorAnswers(...policyChange, 409) },
  },
  /** GET /api/policies/:policyId/versions/:number */
  get: { params: VersionParams, response: { 200: Closed({ version: VersionDetailSchema }), ...errorAnswers(...policyRead) } },
  /** POST /api/policies/:policyId/versions/:number/restore: 409 draft_unchanged. */
  restore: { params: VersionParams, response: { 200: RestoreResultSchema, ...errorAnswers(...policyChange, 409) } },
  /** GET /api/policies/:policyId/redline?from=&to= */
  redline: { params: PolicyIdParams, querystring: RedlineQuery, response: { 200: RedlineResultSchema, ...errorAnswers(...policyRead) } },
  /** GET /api/policies/:policyId/redline.html?from=&to=: a standalone, printable HTML document. */
  redlineHtml: {
    params: PolicyIdParams,
    querystring: RedlineQuery,
    response: { 200: Type.String({ description: "a standalone HTML document, text/html" }), ...errorAnswers(...policyRead) },
  },
  /** GET /api/policies/:policyId/versions/:number/export/:format: a file download. */
  export: {
    params: Type.Object({ ...VersionParams.properties, format: Type.Enum([...exportFormats]) }),
    response: {
      // Markdown and HTML are text, PDF and DOCX bytes: sent as they are, never serialized as JSON.
      200: Type.Unsafe<string | Uint8Array>(Type.String({ description: "the file, as an attachment of its format's media type" })),
      ...errorAnswers(...policyRead),
    },
  },
} satisfies Record<string, Endpoint>;
