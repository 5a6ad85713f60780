import { describe, expect, it } from "vitest";
import { assertValidSlug, slugFromTitle } from "./policy.js";

describe("policy slugs", () => {
  it.each([
    ["Body-Worn Camera Policy", "body-worn-camera-policy"],
    ["  Use of Force: De-escalation  ", "use-of-force-de-escalation"],
    ["Café Patrols & Crowds", "cafe-patrols-crowds"],
  ])("derives a slug from %j", (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });

  it.each(["body-worn-cameras", "a", "v2-draft"])("accepts %j", (slug) => {
    expect(() => assertValidSlug(slug)).not.toThrow();
  });

  it.each(["", "Body", "two--hyphens", "-leading", "trailing-", "spa ce", "a/b", "x".repeat(81)])("refuses %j", (slug) => {
    expect(() => assertValidSlug(slug)).toThrowError(expect.objectContaining({ code: "validation_failed" }));
  });
});
