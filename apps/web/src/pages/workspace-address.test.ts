import { describe, expect, it } from "vitest";
import { paths } from "../paths.js";
import { policyPageOf, samePolicyPage, workspaceAddress } from "./workspace-address.js";

describe("workspaceAddress", () => {
  it("names a version shown on the Versions tab by the version's own path", () => {
    expect(workspaceAddress("p1", { tab: "versions", version: "3" })).toBe("/app/policies/p1/versions/3");
    expect(workspaceAddress("p1", { tab: "versions", version: "3" })).toBe(paths.version("p1", 3));
  });

  it("names any other tab, and the Versions tab without a version, by the fragment", () => {
    expect(workspaceAddress("p1", { tab: "versions", version: null })).toBe("/app/policies/p1#versions");
    expect(workspaceAddress("p1", { tab: "sign-off", version: "3" })).toBe("/app/policies/p1#sign-off");
    expect(workspaceAddress("p 1", { tab: "working-group", version: null })).toBe("/app/policies/p%201#working-group");
  });

  it("keeps the query, so an open comment thread stays open", () => {
    expect(workspaceAddress("p1", { tab: "versions", version: "2" }, "?thread=t1")).toBe("/app/policies/p1/versions/2?thread=t1");
    expect(workspaceAddress("p1", { tab: "settings", version: null }, "?thread=t1")).toBe("/app/policies/p1?thread=t1#settings");
  });

  it("writes a version that is not a number as it came, escaped, so the tab can say there is no such version", () => {
    expect(workspaceAddress("p1", { tab: "versions", version: "x/y" })).toBe("/app/policies/p1/versions/x%2Fy");
  });
});

describe("policyPageOf and samePolicyPage", () => {
  it("finds the policy of its page, its tabs and its versions", () => {
    expect(policyPageOf("/app/policies/p1")).toBe("p1");
    expect(policyPageOf("/app/policies/p1#versions")).toBe("p1");
    expect(policyPageOf("/app/policies/p1?thread=t1")).toBe("p1");
    expect(policyPageOf("/app/policies/p1/versions/3")).toBe("p1");
    expect(policyPageOf("/app/policies/p%201/versions/3?thread=t1")).toBe("p 1");
  });

  it("finds none on other pages of a policy or of the app", () => {
    expect(policyPageOf("/app/policies/p1/compare?from=1&to=draft")).toBeNull();
    expect(policyPageOf("/app/policies/p1/members")).toBeNull();
    expect(policyPageOf("/app/policies/new")).toBeNull();
    expect(policyPageOf("/app/")).toBeNull();
    expect(policyPageOf("/policies/body-worn-cameras")).toBeNull();
  });

  it("says moving between tabs and versions of one policy stays on its page, and anything else does not", () => {
    expect(samePolicyPage("/app/policies/p1", "/app/policies/p1/versions/3")).toBe(true);
    expect(samePolicyPage("/app/policies/p1/versions/3", "/app/policies/p1#sign-off")).toBe(true);
    expect(samePolicyPage("/app/policies/p1/versions/3", "/app/policies/p2/versions/3")).toBe(false);
    expect(samePolicyPage("/app/", "/app/policies/p1")).toBe(false);
    expect(samePolicyPage("/app/policies/p1/compare", "/app/policies/p1")).toBe(false);
  });
});
