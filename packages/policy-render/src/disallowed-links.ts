import { isAllowedHref } from "@accord/policy-schema";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isDisallowedLink(mark: unknown): boolean {
  if (!isObject(mark) || mark["type"] !== "link") return false;
  const href = isObject(mark["attrs"]) ? mark["attrs"]["href"] : undefined;
  return typeof href !== "string" || !isAllowedHref(href);
}

/**
 * A copy of ProseMirror JSON in which every link mark whose href isAllowedHref refuses is
 * dropped, keeping its words. The editor and the server already refuse such links, so this only
 * matters for a stored version written before the link rule last became stricter: it must still
 * render (a published policy cannot become unreadable), but as plain words, never as the link.
 * Everything else is left exactly as given, for the validator to judge.
 */
export function withoutDisallowedLinks(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withoutDisallowedLinks);
  if (!isObject(json)) return json;
  const copy: JsonObject = { ...json };
  if (Array.isArray(json["marks"])) {
    const marks = json["marks"].filter((mark) => !isDisallowedLink(mark));
    // An emptied list is removed rather than kept as [], so the text reads as plain text.
    if (marks.length > 0) copy["marks"] = marks;
    else delete copy["marks"];
  }
  if (Array.isArray(json["content"])) copy["content"] = json["content"].map(withoutDisallowedLinks);
  return copy;
}
