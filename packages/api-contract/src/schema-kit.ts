import {
  Type,
  type Static,
  type TObject,
  type TObjectOptions,
  type TProperties,
  type TSchema,
  type TString,
  type TUnion,
  type TNull,
} from "typebox";

/**
 * The schema keyword that names a string field's kind of text: `accordText: "multi-line"` on a field
 * that holds several lines. Every other string of every request is "single-line": the server's input
 * validation writes that into each string schema and checks it with one text rule.
 */
export const textKeyword = "accordText";

/**
 * A closed object: exactly these properties and no other. Every object of every answer is closed, so a
 * key a route adds without declaring it is caught (by the response check in tests), never silently
 * dropped by the serializer or silently sent.
 */
export function Closed<Properties extends TProperties>(properties: Properties, options: TObjectOptions = {}): TObject<Properties> {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

/** The schema, or null. */
export function Nullable<Schema extends TSchema>(schema: Schema, options: { description?: string } = {}): TUnion<[Schema, TNull]> {
  return Type.Union([schema, Type.Null()], options);
}

/** A string, or null. */
export const NullableString = Nullable(Type.String());

/**
 * A string field that holds several lines (a comment, a reason, a note, a summary). Every string of
 * every request is checked by the one text rule: no control character but tab; this marking also
 * allows line breaks.
 */
export function MultiLineTextSchema(options: { minLength?: number; maxLength: number; pattern?: string; description?: string }): TString {
  return Type.String({ ...options, [textKeyword]: "multi-line" });
}

/** Text a person writes (a comment, a reason): 1 to `maxLength` characters of several lines, not blank. */
export function WrittenTextSchema(maxLength: number): TString {
  return MultiLineTextSchema({
    minLength: 1,
    maxLength,
    pattern: "\\S",
    description: "not blank; no control characters but tab and line breaks",
  });
}

export const UuidSchema = Type.String({ format: "uuid" });
export const EmailSchema = Type.String({ format: "email", minLength: 3, maxLength: 254 });
/** NIST SP 800-63B: at least 8 characters, and long passphrases allowed. */
export const NewPasswordSchema = Type.String({ minLength: 8, maxLength: 256 });
export const DisplayNameSchema = Type.String({ minLength: 1, maxLength: 120, pattern: "\\S" });
export const TitleSchema = Type.String({ minLength: 1, maxLength: 200, pattern: "\\S" });
export const SummarySchema = MultiLineTextSchema({ maxLength: 2000 });
/** A calendar day, YYYY-MM-DD. */
export const IsoDateSchema = Type.String({ format: "date" });

/** An instant as the API writes it: ISO 8601 in UTC (`Date.prototype.toISOString`). */
export const TimestampSchema = Type.String({ description: "ISO 8601, UTC" });

/** The parts of one endpoint's contract: what it takes, and every answer it gives by status code. */
export interface Endpoint {
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  response: Record<number, TSchema>;
}

/** The success statuses of an endpoint's answers. */
export type SuccessStatus<E extends Endpoint> = Extract<keyof E["response"], 200 | 201 | 204>;

/** What an endpoint answers on success (its 200, 201 or 204 schema's static type). */
export type AnswerOf<E extends Endpoint, Status extends keyof E["response"] = SuccessStatus<E>> = E["response"][Status] extends TSchema
  ? Static<E["response"][Status]>
  : never;

/** What an endpoint takes as its JSON body. */
export type BodyOf<E extends Endpoint & { body: TSchema }> = Static<E["body"]>;

/** What an endpoint takes as its query string. */
export type QueryOf<E extends Endpoint & { querystring: TSchema }> = Static<E["querystring"]>;
