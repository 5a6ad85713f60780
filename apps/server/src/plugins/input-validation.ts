import fp from "fastify-plugin";
import type { FastifyRequest } from "fastify";
import { Ajv, type AnySchema, type ErrorObject, type Options } from "ajv";
import ajvFormats from "ajv-formats";
import { textKeyword } from "@accord/api-contract";
import { AccordError, forbiddenCharacterIn, forbiddenCharacterMessage, textLines, type FieldProblem, type TextLines } from "@accord/domain";

/**
 * The schema keyword that names a string field's kind of text: `accordText: "multi-line"` on a field
 * that holds several lines. Every other string, in every schema of every route, is "single-line". The
 * keyword is part of the schema language of the API contract, which marks its multi-line fields.
 */
export { textKeyword };

/** The parts of a request Fastify validates, each with its own validator. */
type HttpPart = "body" | "querystring" | "params" | "headers";

/** A route as registered: its method, its path pattern and the schemas of its request parts. */
export interface RegisteredRoute {
  method: string;
  url: string;
  schema: Partial<Record<HttpPart, unknown>>;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route of the app, as registered, for checks that must hold over all of them. */
    registeredRoutes: readonly RegisteredRoute[];
  }
}

const sharedOptions: Options = {
  // Unknown fields are refused (400), not silently dropped: a client that sends them has a bug.
  removeAdditional: false,
  useDefaults: true,
  // Fastify's own choice: with all errors, a crafted body could make validation itself the attack.
  allErrors: false,
  addUsedSchema: false,
};

/** An ajv instance with the formats (uuid, email, date) and the text rule as a keyword. */
function createAjv(coerceTypes: Options["coerceTypes"]): Ajv {
  const ajv = new Ajv({ ...sharedOptions, coerceTypes });
  // ajv-formats is CommonJS: its default export arrives as the module itself under NodeNext.
  (ajvFormats as unknown as { default: (ajv: Ajv) => void }).default(ajv);
  // A function keyword reports its errors on itself, as ajv reads them after each call.
  const checkText = Object.assign(
    (lines: TextLines, data: string): boolean => {
      const character = forbiddenCharacterIn(data, lines);
      checkText.errors =
        character === null
          ? undefined
          : [{ keyword: textKeyword, message: forbiddenCharacterMessage(character, lines), params: { character } }];
      return character === null;
    },
    { errors: undefined as Partial<ErrorObject>[] | undefined },
  );
  ajv.addKeyword({
    keyword: textKeyword,
    type: "string",
    schemaType: "string",
    metaSchema: { enum: [...textLines] },
    errors: true,
    validate: checkText,
  });
  return ajv;
}

/** Keys whose values are data, not schemas: the text rule is never written into them. */
const dataKeys = new Set(["enum", "const", "default", "examples"]);
/** Keys whose values map names to schemas. */
const namedSchemaKeys = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/**
 * A copy of a schema in which every string that names no kind of text is "single-line": the rule then
 * holds for every string field whether or not its route remembered it.
 */
export function withTextRule(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withTextRule);
  if (typeof schema !== "object" || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (dataKeys.has(key)) copy[key] = value;
    else if (namedSchemaKeys.has(key) && typeof value === "object" && value !== null && !Array.isArray(value)) {
      // Keys here are names (a body field may be called "default"), each naming a schema.
      copy[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, inner]) => [name, withTextRule(inner)]));
    } else copy[key] = withTextRule(value);
  }
  const type = copy.type;
  const holdsString = type === "string" || (Array.isArray(type) && type.includes("string"));
  if (holdsString && copy[textKeyword] === undefined) copy[textKeyword] = "single-line";
  return copy;
}

function fieldProblem(path: string, value: string): FieldProblem | null {
  const character = forbiddenCharacterIn(value, "single-line");
  return character === null ? null : { path, message: forbiddenCharacterMessage(character, "single-line") };
}

/** The first value (or key) of a decoded URL part that breaks the text rule. */
function urlPartProblem(part: "params" | "querystring", values: unknown): FieldProblem | null {
  if (typeof values !== "object" || values === null) return null;
  for (const [key, value] of Object.entries(values)) {
    const path = `/${part}/${key}`;
    const problem =
      fieldProblem(`/${part}`, key) ??
      (typeof value === "string" ? fieldProblem(path, value) : null) ??
      (Array.isArray(value)
        ? (value.map((item) => (typeof item === "string" ? fieldProblem(path, item) : null)).find(Boolean) ?? null)
        : null);
    if (problem) return problem;
  }
  return null;
}

/**
 * Input validation for every route.
 *
 * Bodies are validated without type coercion: `{"body": true}` or `{"title": 42}` is a wrong type (400),
 * never the string "true" or "42". Only the URL's parts, which are text by nature, are coerced (a
 * version number in the path, `?limit=20`).
 *
 * One text rule (`forbiddenCharacterIn`) holds for every string: written into every string schema at
 * compile time, and checked on the decoded path parameters and query string of every route before
 * its own hooks, so that neither a route without a schema nor a route's own early hook (the
 * collaboration upgrade) ever sees a NUL byte or a control character.
 */
export const inputValidationPlugin = fp(
  async (app) => {
    const validators: Record<HttpPart, Ajv> = {
      body: createAjv(false),
      querystring: createAjv("array"),
      params: createAjv(true),
      headers: createAjv(true),
    };
    app.setValidatorCompiler(({ schema, httpPart }) => {
      const ajv = validators[(httpPart ?? "body") as HttpPart] ?? validators.body;
      return ajv.compile(withTextRule(schema) as AnySchema);
    });

    const routes: RegisteredRoute[] = [];
    app.decorate("registeredRoutes", routes);
    app.addHook("onRoute", (route) => {
      const { body, querystring, params, headers } = route.schema ?? {};
      const schema = Object.fromEntries(Object.entries({ body, querystring, params, headers }).filter(([, part]) => part !== undefined));
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, schema });
    });

    // preValidation: after routing and every onRequest hook (@fastify/websocket's marks an upgrade there,
    // and only a marked upgrade gets its socket closed after a refusal), before any route's own
    // preValidation hook (the collaboration upgrade's reads its path parameter) and before the handler.
    app.addHook("preValidation", async (request: FastifyRequest) => {
      const problem = urlPartProblem("params", request.params) ?? urlPartProblem("querystring", request.query);
      if (problem)
        throw new AccordError("validation_failed", `The request is not valid: ${problem.path} ${problem.message}.`, { fields: [problem] });
    });
  },
  { name: "accord-input-validation" },
);
