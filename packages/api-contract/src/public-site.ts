import { Type } from "typebox";
import { anyRoute, errorAnswers } from "./errors.js";
import { MultiLineTextSchema, type Endpoint } from "./schema-kit.js";

// The public site answers HTML (and Atom, PDF, the canonical JSON) with no account. Its only JSON answers
// are refusals of a malformed address (400) and failures (500); a missing policy is the site's own HTML
// page (404), and an unchanged one 304, neither of them JSON.

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 80 }) });
const VersionNumber = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const VersionParams = Type.Object({ slug: SlugParams.properties.slug, number: VersionNumber });
/** What the public site answers: a page, or a refusal of a malformed address. */
const answers = {
  200: Type.Unsafe<string | Uint8Array>(
    Type.String({ description: "an HTML page, the Atom feed, the PDF or the canonical JSON, as rendered" }),
  ),
  ...errorAnswers(...anyRoute),
};

/** The public site's addresses and what each takes. */
export const publicSiteEndpoints = {
  /** GET /policies?q= */
  index: { querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }), response: answers },
  /** GET /policies/:slug, /policies/:slug/versions, /policies/:slug/feed.atom */
  policy: { params: SlugParams, response: answers },
  /** GET /policies/:slug/versions/:number, …/canonical.json, …/pdf */
  version: { params: VersionParams, response: answers },
  /** GET /policies/:slug/compare/:from/:to */
  compare: { params: Type.Object({ slug: SlugParams.properties.slug, from: VersionNumber, to: VersionNumber }), response: answers },
  /** Addresses without parameters (the index's feed, the stylesheet, the icon, the verify page). */
  plain: { response: answers },
} satisfies Record<string, Endpoint>;

// The public comment period's addresses (issue 17): pages, a form that works without script, and the
// exports. Each status answers a page, or (from the app's plugins: a foreign Origin, a body too large or
// of another type) the API's refusal.
const page = answers[200];
const pageOr = <Status extends 400 | 403 | 404 | 409 | 413 | 415 | 429 | 500>(status: Status) =>
  Type.Union([page, errorAnswers(status)[status]]);
const pageAnswers = { 200: page, 400: pageOr(400), 404: pageOr(404), 500: pageOr(500) };
const formAnswers = {
  ...pageAnswers,
  303: Type.String({ description: "empty: the redirect after a comment is received" }),
  403: pageOr(403),
  409: pageOr(409),
  413: pageOr(413),
  415: pageOr(415),
  429: pageOr(429),
};
const Section = Type.String({ maxLength: 20 });
const Token = Type.String({ maxLength: 100 });
/** A comment as the public form posts it (urlencoded); the comment's own rules (5,000 characters…) answer as the form's errors. */
const CommentForm = Type.Object({
  section: Section,
  body: MultiLineTextSchema({ maxLength: 50_000 }),
  quote: Type.Optional(Type.String({ maxLength: 5_000 })),
  name: Type.Optional(Type.String({ maxLength: 1_000 })),
  organisation: Type.Optional(Type.String({ maxLength: 1_000 })),
  email: Type.Optional(Type.String({ maxLength: 1_000 })),
  website: Type.Optional(Type.String({ maxLength: 1_000, description: "the honeypot: empty from people" })),
});

/** The public comment period's addresses and what each takes. */
export const publicCommentEndpoints = {
  /** GET /policies/:slug/comments, …/export.csv, …/export.json, …/export.sha256 */
  period: { params: SlugParams, response: pageAnswers },
  /** GET /policies/:slug/comments/sections/:section */
  form: { params: Type.Object({ slug: SlugParams.properties.slug, section: Section }), response: pageAnswers },
  /** POST /policies/:slug/comments */
  submit: { params: SlugParams, body: CommentForm, response: formAnswers },
  /** GET /policies/:slug/comments/(confirm|not-me)?token= */
  link: { params: SlugParams, querystring: Type.Object({ token: Type.Optional(Token) }), response: pageAnswers },
  /** POST /policies/:slug/comments/(confirm|not-me) */
  followLink: { params: SlugParams, body: Type.Object({ token: Token }), response: formAnswers },
} satisfies Record<string, Endpoint>;
