import { describe, expect, it } from "vitest";
import { afterSignIn, paths } from "./paths.js";

describe("afterSignIn", () => {
  it("returns to the app page the person asked for", () => {
    expect(afterSignIn("/app/people")).toBe("/app/people");
    expect(afterSignIn("/app/policies/abc?tab=1")).toBe("/app/policies/abc?tab=1");
  });

  it("goes to the policy list without a usable next page", () => {
    expect(afterSignIn(undefined)).toBe(paths.policies);
    expect(afterSignIn("")).toBe(paths.policies);
    expect(afterSignIn("/app/login")).toBe(paths.policies);
  });

  it("never leaves the app, so a crafted sign-in link cannot redirect elsewhere", () => {
    expect(afterSignIn("https://evil.example/app/")).toBe(paths.policies);
    expect(afterSignIn("//evil.example/app/")).toBe(paths.policies);
    expect(afterSignIn("/apple")).toBe(paths.policies);
    expect(afterSignIn("/api/auth/me")).toBe(paths.policies);
  });
});
