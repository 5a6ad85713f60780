import { Type } from "typebox";
import { anyRoute, errorAnswers } from "./errors.js";
import { type Endpoint } from "./schema-kit.js";

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
