import { Type, type Static } from "typebox";
import { errorAnswers, policyChange, policyRead } from "./errors.js";
import { PersonSchema } from "./people.js";
import { PolicyIdParams } from "./policies.js";
import { Closed, NullableString, TimestampSchema, type Endpoint } from "./schema-kit.js";

export const SuggestionKindSchema = Type.Enum(["insertion", "deletion"]);
export const DecisionOutcomeSchema = Type.Enum(["accepted", "rejected"]);
// The same rule as the policy schema's validateSuggestionId: ids and author ids of suggestion marks.
const SuggestionIdSchema = Type.String({ pattern: "^[A-Za-z0-9_-]{1,64}$" });

/** A pending suggestion as GET /suggestions lists it. */
export const SuggestionViewSchema = Closed({
  id: Type.String(),
  kind: SuggestionKindSchema,
  author: PersonSchema,
  affiliation: Type.Union([Type.String(), Type.Null()], { description: "the affiliation the suggestion was made as (from its mark)" }),
  time: Type.String(),
  text: Type.String(),
  section: Type.Union([Type.String(), Type.Null()], { description: 'the number of the section it sits in ("4.2"), or null' }),
});
export type SuggestionView = Static<typeof SuggestionViewSchema>;

/** Which suggestion was decided: its id, kind, text and author. */
const decidedSuggestionProperties = { suggestionId: Type.String(), kind: SuggestionKindSchema, text: Type.String(), author: PersonSchema };

/** One suggestion decided by a POST /suggestions/decisions. */
export const DecidedSuggestionSchema = Closed({ ...decidedSuggestionProperties, decision: DecisionOutcomeSchema });
export type DecidedSuggestion = Static<typeof DecidedSuggestionSchema>;

/** How much accepted text one affiliation contributed. */
export const AffiliationAuthorshipSchema = Closed({
  affiliation: NullableString,
  acceptedInsertedCharacters: Type.Integer(),
  acceptedDeletedCharacters: Type.Integer(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
});
export type AffiliationAuthorship = Static<typeof AffiliationAuthorshipSchema>;

/** One recorded decision on a suggestion. */
export const RecordedDecisionSchema = Closed({
  ...decidedSuggestionProperties,
  affiliation: NullableString,
  suggestedAt: TimestampSchema,
  decision: DecisionOutcomeSchema,
  decidedBy: PersonSchema,
  decidedAt: TimestampSchema,
});
export type RecordedDecision = Static<typeof RecordedDecisionSchema>;

/**
 * How many characters of the draft's text now were typed by people of one affiliation (`null`: people
 * outside the working group, such as the facilitator), accepted suggestions counted for who suggested them.
 */
export const AffiliationTextSchema = Closed({ affiliation: NullableString, characters: Type.Integer() });
export type AffiliationText = Static<typeof AffiliationTextSchema>;

/**
 * Where a policy's text came from: the decisions by affiliation, the newest decisions (at most 200, newest
 * first), and the draft's text now by the affiliation of who typed it, with the characters whose typist
 * is not recorded (text from before such records were kept, a template or import, or a restore).
 */
export const AuthorshipSchema = Closed({
  affiliations: Type.Array(AffiliationAuthorshipSchema),
  decisions: Type.Array(RecordedDecisionSchema),
  draftText: Closed({ byAffiliation: Type.Array(AffiliationTextSchema), notRecorded: Type.Integer() }),
});
export type Authorship = Static<typeof AuthorshipSchema>;

/** An editor's decision on suggestions: the listed ids, or every pending one of one author. */
export const DecideSuggestionsSchema = Type.Object(
  {
    decision: Type.Enum(["accept", "reject"]),
    suggestionIds: Type.Optional(Type.Array(SuggestionIdSchema, { minItems: 1, maxItems: 200 })),
    authorId: Type.Optional(SuggestionIdSchema),
  },
  { additionalProperties: false },
);
export type DecideSuggestions = Static<typeof DecideSuggestionsSchema>;

/** Suggestions: the pending ones, deciding them, and the authorship their decisions add up to. */
export const suggestionEndpoints = {
  /** GET /api/policies/:policyId/suggestions */
  list: {
    params: PolicyIdParams,
    response: { 200: Closed({ suggestions: Type.Array(SuggestionViewSchema) }), ...errorAnswers(...policyRead) },
  },
  /** POST /api/policies/:policyId/suggestions/decisions: 404 suggestion_not_found; 409 draft_unchanged. */
  decide: {
    params: PolicyIdParams,
    body: DecideSuggestionsSchema,
    response: { 200: Closed({ decided: Type.Array(DecidedSuggestionSchema) }), ...errorAnswers(...policyChange, 409) },
  },
  /** GET /api/policies/:policyId/authorship */
  authorship: { params: PolicyIdParams, response: { 200: AuthorshipSchema, ...errorAnswers(...policyRead) } },
} satisfies Record<string, Endpoint>;
