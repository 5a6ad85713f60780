/** The URL schemes a link in a policy document may use. Everything else is refused. */
export const allowedHrefProtocols = ["http:", "https:", "mailto:"] as const;

// Whitespace, control characters and invisible format characters (zero-width spaces,
// bidirectional overrides, soft hyphens, BOM) are how `java\tscript:` or ` javascript:` get
// past naive prefix checks: browsers strip some of them before resolving a URL, so the scheme
// a check sees and the scheme a browser runs can differ. A real link never needs them raw
// (they are percent-encoded), so their mere presence is enough to refuse the href.
const disguiseCharacters = /[\s\p{Cc}\p{Cf}]/u;

// The textual prefix must agree with the parsed protocol. `new URL` forgives a lot
// (`https:\\evil` and `https:evil` both become `https://evil/`); requiring the canonical
// spelling keeps the stored href, the rendered href and what a reader sees identical.
const canonicalPrefix = /^(?:https?:\/\/[^/\\]|mailto:.)/i;

/**
 * Whether `href` may be stored in a link mark: only an absolute `http:`, `https:` or `mailto:`
 * URL, written plainly.
 *
 * The rule is an allow-list, never a deny-list, so disguises fail by construction:
 * - relative (`/relative`, `page.html`) and protocol-relative (`//evil.example`) URLs are
 *   refused, because what they point to depends on where the document is shown;
 * - any whitespace or control character anywhere (` javascript:`, `java\tscript:`) is refused;
 * - entity-like (`&#106;avascript:`) and percent tricks (`%6Aavascript:`) have no scheme, so
 *   `new URL` without a base refuses them; they are never decoded here, and the serializers
 *   escape `&`, so they can never turn into a scheme later;
 * - case (`JaVaScRiPt:`) does not matter because the parsed protocol is compared, and it is
 *   not http, https or mailto;
 * - `https://trusted.example@evil.example` is refused: credentials in a link are a phishing
 *   disguise and have no place in a public policy.
 */
export function isAllowedHref(href: string): boolean {
  if (typeof href !== "string" || href.length === 0) return false;
  if (disguiseCharacters.test(href)) return false;
  if (!canonicalPrefix.test(href)) return false;
  let url: URL;
  try {
    // No base URL on purpose: anything relative throws and is refused.
    url = new URL(href);
  } catch {
    return false;
  }
  if (!(allowedHrefProtocols as readonly string[]).includes(url.protocol)) return false;
  if (url.protocol === "mailto:") return url.pathname.length > 0;
  return url.hostname.length > 0 && url.username === "" && url.password === "";
}
