import { describe, expect, it } from "vitest";
import { AccordError } from "./errors.js";
import {
  authorizeOnPolicy,
  authorizeOnSite,
  canOnPolicy,
  canOnSite,
  policyGrants,
  siteGrants,
  type PolicyAction,
  type PolicyActor,
} from "./permissions.js";

const buildActor = (overrides: Partial<PolicyActor> = {}): PolicyActor => ({
  isFacilitator: false,
  role: null,
  representsRequiredBody: false,
  ...overrides,
});

const actors: Record<string, PolicyActor> = {
  facilitator: buildActor({ isFacilitator: true }),
  editor: buildActor({ role: "editor" }),
  commenter: buildActor({ role: "commenter" }),
  viewer: buildActor({ role: "viewer" }),
  representative: buildActor({ representsRequiredBody: true }),
  outsider: buildActor(),
};

// The expected table, written out by hand so that a change to the permission table is a visible,
// reviewed change to this test too.
const expected: Record<PolicyAction, string[]> = {
  "policy.read": ["facilitator", "editor", "commenter", "viewer", "representative"],
  "policy.update": ["facilitator"],
  "policy.set_bodies": ["facilitator"],
  "member.read": ["facilitator", "editor", "commenter", "viewer", "representative"],
  "member.manage": ["facilitator"],
  "draft.read": ["facilitator", "editor", "commenter", "viewer", "representative"],
  "draft.edit": ["facilitator", "editor"],
  "draft.suggest": ["facilitator", "editor", "commenter"],
  "comment.create": ["facilitator", "editor", "commenter"],
  "comment.hide": ["facilitator"],
  "version.save": ["facilitator", "editor"],
  "proposal.create": ["facilitator"],
  "signoff.give": ["editor"],
  "decision.record": ["representative"],
  "policy.publish": ["facilitator"],
};

describe("the policy permission table", () => {
  it("covers exactly the actions the expected table lists", () => {
    expect(Object.keys(policyGrants).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const action of Object.keys(expected) as PolicyAction[]) {
    for (const [name, actor] of Object.entries(actors)) {
      const allowed = expected[action].includes(name);
      it(`${allowed ? "lets" : "does not let"} a ${name} ${action}`, () => {
        expect(canOnPolicy(actor, action)).toBe(allowed);
      });
    }
  }

  it("answers not_found to someone who may not even read the policy, so its existence does not leak", () => {
    expect(() => authorizeOnPolicy(actors.outsider!, "member.manage")).toThrowError(
      expect.objectContaining({ code: "not_found" }),
    );
  });

  it("answers forbidden to a reader who may not take the action", () => {
    expect(() => authorizeOnPolicy(actors.viewer!, "draft.edit")).toThrowError(expect.objectContaining({ code: "forbidden" }));
  });

  it("combines grants: a member who also represents a body may record a decision and edit", () => {
    const both = buildActor({ role: "editor", representsRequiredBody: true });
    expect(canOnPolicy(both, "decision.record")).toBe(true);
    expect(canOnPolicy(both, "draft.edit")).toBe(true);
  });
});

describe("the site permission table", () => {
  for (const action of Object.keys(siteGrants) as (keyof typeof siteGrants)[]) {
    it(`lets only the facilitator ${action}`, () => {
      expect(canOnSite({ isFacilitator: true }, action)).toBe(true);
      expect(canOnSite({ isFacilitator: false }, action)).toBe(false);
      expect(() => authorizeOnSite({ isFacilitator: false }, action)).toThrow(AccordError);
    });
  }
});
