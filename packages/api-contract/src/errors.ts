import { Type, type Static, type TArray, type TEnum, type TObject, type TOptional, type TString } from "typebox";
import { errorCatalogue, type ErrorCode } from "@accord/domain";
import { Closed } from "./schema-kit.js";

/** Every HTTP status the error catalogue answers with. */
export type ErrorStatus = (typeof errorCatalogue)[ErrorCode]["status"];

/** One offending field of a refused request: a JSON pointer path and what is wrong with it. */
export const FieldProblemSchema = Closed({ path: Type.String(), message: Type.String() });

type ErrorAnswerSchema = TObject<{
  error: TObject<{ code: TEnum<ErrorCode[]>; message: TString; fields: TOptional<TArray<typeof FieldProblemSchema>> }>;
}>;

/** The catalogue's codes that answer with this status. */
function codesWithStatus(status: ErrorStatus): ErrorCode[] {
  return (Object.keys(errorCatalogue) as ErrorCode[]).filter((code) => errorCatalogue[code].status === status);
}

const byStatus = new Map<ErrorStatus, ErrorAnswerSchema>();

/**
 * The body of every refusal, `{"error":{"code","message"}}` with the offending fields if any, its code
 * one of the catalogue's codes for that status (so the two cannot drift).
 */
export function errorAnswer(status: ErrorStatus): ErrorAnswerSchema {
  let schema = byStatus.get(status);
  if (!schema) {
    schema = Closed({
      error: Closed({
        code: Type.Enum(codesWithStatus(status)),
        message: Type.String(),
        fields: Type.Optional(Type.Array(FieldProblemSchema)),
      }),
    });
    byStatus.set(status, schema);
  }
  return schema;
}

/** A refusal as the API sends it. */
export type ErrorAnswer = Static<ErrorAnswerSchema>;

/** The error answers of an endpoint: one schema per status it can refuse with. */
export function errorAnswers<const Statuses extends readonly ErrorStatus[]>(
  ...statuses: Statuses
): { [Status in Statuses[number]]: ErrorAnswerSchema } {
  return Object.fromEntries(statuses.map((status) => [status, errorAnswer(status)])) as { [Status in Statuses[number]]: ErrorAnswerSchema };
}

// The refusals that come from the app's plugins rather than from a use case, shared by whole families of
// routes. Any route can refuse a path or query value that breaks the text rule (400) and fail (500); a
// route behind sign-in answers 401 without a session; a change (any method but GET and HEAD) is refused
// from a foreign Origin (403, cross_origin_refused), as malformed JSON (400), too large (413) or not JSON (415).

/** Any route: bad input and unexpected failure. */
export const anyRoute = [400, 500] as const;
/** A route behind sign-in. */
export const signedIn = [...anyRoute, 401] as const;
/** A change behind sign-in. */
export const signedInChange = [...signedIn, 403, 413, 415] as const;
/** A read of something in one policy: not found (or not readable) and not allowed. */
export const policyRead = [...signedIn, 403, 404] as const;
/** A change of something in one policy. */
export const policyChange = [...signedInChange, 404] as const;
