import fp from "fastify-plugin";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Ajv, type AnySchema, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";

/**
 * What a route's answer broke of its declared schema, or null when it kept to it. A route that declares
 * answers (and every route of the JSON API) must declare the status it answers with; a route of another
 * kind (a page, a file) without declared answers is not judged.
 */
export type ResponseCheck = (request: FastifyRequest, reply: FastifyReply, payload: unknown) => string | null;

/** Builds the check, with one ajv that compiles each declared schema once. */
export function createResponseCheck(): ResponseCheck {
  // No coercion, no defaults, nothing removed: the payload is judged exactly as the route built it.
  // Not strict: the contract's schemas carry descriptions and the text rule's keyword.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    addUsedSchema: false,
  });
  (ajvFormats as unknown as { default: (ajv: Ajv) => void }).default(ajv);
  const validators = new WeakMap<object, ValidateFunction>();
  const validatorFor = (schema: object): ValidateFunction => {
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(schema as AnySchema);
      validators.set(schema, validate);
    }
    return validate;
  };

  return (request, reply, payload) => {
    const url = request.routeOptions.url;
    // The not-found handler: no route, nothing declared.
    if (url === undefined) return null;
    const declared = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
    const status = reply.statusCode;
    const where = `${request.method} ${url} answered ${status}`;
    if (!declared) return url.startsWith("/api/") ? `${where}, but the route declares no answers` : null;
    const schema = declared[status] ?? declared[`${String(status)[0]}xx`] ?? declared.default;
    if (!schema || typeof schema !== "object") return `${where}, a status its schema does not declare`;
    const validate = validatorFor(schema);
    if (validate(payload)) return null;
    return `${where} with a shape its schema does not declare: ${ajv.errorsText(validate.errors, { dataVar: "answer" })}`;
  };
}

/**
 * Checks every answer against the schema its route declares for that status, before serialization:
 * Fastify's serializer silently drops a key the schema does not name (and turns a wrong type into
 * something else), so a route that drifts from the contract would otherwise go unnoticed. A mismatch is
 * answered loudly instead: 500 with the mismatch in the message, and a line on stderr; and a JSON API
 * route that declares no answers is refused when it is registered. Turned on by the
 * test apps (`checkResponses`), so the whole suite exercises every route against the contract; off in
 * production, where the serializer's answer is the behaviour.
 */
export const responseContractPlugin = fp(
  async (app) => {
    const check = createResponseCheck();
    // A JSON API route that declares no answers cannot be checked: refused when it is registered.
    app.addHook("onRoute", (route) => {
      if (route.url.startsWith("/api/") && !route.schema?.response) {
        throw new Error(
          `${String(route.method)} ${route.url} declares no answers: every JSON API route declares a schema for each status it answers.`,
        );
      }
    });
    app.addHook("preSerialization", async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const mismatch = check(request, reply, payload);
      if (mismatch === null) return payload;
      process.stderr.write(`response contract broken: ${mismatch}\n`);
      reply.code(500);
      // In the one error shape, which every route declares for 500.
      return { error: { code: "internal_error", message: `Response contract broken: ${mismatch}` } };
    });
  },
  { name: "accord-response-contract" },
);
