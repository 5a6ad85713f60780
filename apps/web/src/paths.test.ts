import { afterEach, describe, expect, it, vi } from "vitest";
import { afterSignIn, files, paths, signInReturningHere, worksSignedOut } from "./paths.js";

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

describe("version and compare paths", () => {
  it("links a version page, the compare page and the server's files", () => {
    expect(paths.version("p 1", 3)).toBe("/app/policies/p%201/versions/3");
    expect(paths.compare("p1")).toBe("/app/policies/p1/compare");
    expect(paths.decision("p1", "q1")).toBe("/app/policies/p1/proposals/q1/decide");
    expect(paths.compare("p1", 1, "draft")).toBe("/app/policies/p1/compare?from=1&to=draft");
    expect(files.versionExport("p1", 2, "docx")).toBe("/api/policies/p1/versions/2/export/docx");
    expect(files.printableRedline("p1", 1, 2)).toBe("/api/policies/p1/redline.html?from=1&to=2");
  });
});

describe("pages that work signed out", () => {
  it("are the sign-in page and the set-password page, where a 401 is expected, not a lost session", () => {
    expect(worksSignedOut("/app/login")).toBe(true);
    expect(worksSignedOut("/app/set-password")).toBe(true);
    expect(worksSignedOut("/app/")).toBe(false);
    expect(worksSignedOut("/app/policies/abc")).toBe(false);
    expect(worksSignedOut("/app/set-password-elsewhere")).toBe(false);
  });
});

describe("the sign-in page after a lost session", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("comes back to the page and query open now, and afterSignIn returns there", () => {
    vi.stubGlobal("location", { pathname: "/app/policies/p1", search: "?tab=versions" });
    const address = signInReturningHere();
    expect(address).toBe("/app/login?next=%2Fapp%2Fpolicies%2Fp1%3Ftab%3Dversions");
    expect(afterSignIn(new URL(address, "https://accord.example").searchParams.get("next") ?? undefined)).toBe(
      "/app/policies/p1?tab=versions",
    );
  });
});
