import fp from "fastify-plugin";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AccordError, type ErrorCode, type FieldProblem } from "@accord/domain";

/** The body of every error response: `{"error":{"code","message"}}`, with the offending fields if any. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldProblem[] };
}

// Fastify's own error codes, mapped onto the catalogue so clients see one vocabulary.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "malformed_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "malformed_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "validation_failed",
};

function fieldsOf(error: FastifyError): FieldProblem[] {
  return (error.validation ?? []).map((problem) => {
    const missing = (problem.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
    const base = `/${error.validationContext ?? "body"}${problem.instancePath ?? ""}`;
    if (missing.missingProperty) return { path: `${base}/${missing.missingProperty}`, message: "is required" };
    if (missing.additionalProperty) return { path: `${base}/${missing.additionalProperty}`, message: "is not allowed here" };
    return { path: base, message: problem.message ?? "is not valid" };
  });
}

// PostgreSQL's "this text cannot be stored" (22021 invalid byte sequence, such as U+0000; 22P05 an
// untranslatable character): the text rule refuses such input before it gets here, so reaching the
// database with it is a hole in that rule, still the client's input and not the server's failure.
const unstorableTextCodes = new Set(["22021", "22P05"]);
function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && unstorableTextCodes.has(code);
}

/** Turns any thrown value into a catalogue error, never exposing internals. */
export function toAccordError(error: unknown): AccordError {
  if (error instanceof AccordError) return error;
  const fastifyError = error as FastifyError;
  if (isUnstorableText(error)) {
    return new AccordError("validation_failed", "The request holds text that cannot be stored, such as a control character.");
  }
  if (fastifyError?.validation) {
    const fields = fieldsOf(fastifyError);
    const summary = fields.map((field) => `${field.path} ${field.message}`).join("; ");
    return new AccordError("validation_failed", `The request is not valid: ${summary}.`, { fields });
  }
  const mapped = fastifyError?.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) return new AccordError(mapped);
  // JSON.parse errors from the body parser carry statusCode 400 and no code.
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new AccordError("malformed_json");
  if (fastifyError?.statusCode === 405) return new AccordError("method_not_allowed");
  return new AccordError("internal_error");
}

/** Sends a catalogue error in the one JSON shape. */
export function sendError(reply: FastifyReply, error: AccordError): FastifyReply {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.fields && error.fields.length > 0) body.error.fields = error.fields;
  if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
  return reply.code(error.status).type("application/json; charset=utf-8").send(body);
}

/**
 * The one error handler: catalogue errors go out as they are; anything unexpected is logged in full
 * and answered with internal_error, so no stack trace or SQL ever reaches a client.
 */
export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const accordError = toAccordError(error);
      if (accordError.code === "internal_error") request.log.error({ err: error }, "unexpected error");
      else if (isUnstorableText(error)) request.log.warn({ err: error }, "the database refused text that the input rule let through");
      else if (accordError.status >= 500) request.log.error({ err: error }, accordError.message);
      return sendError(reply, accordError);
    });
    app.setNotFoundHandler((request, reply) => {
      return sendError(reply, new AccordError("not_found", `Nothing is at ${request.method} ${request.url.split("?")[0]}.`));
    });
  },
  { name: "accord-error-handler" },
);
