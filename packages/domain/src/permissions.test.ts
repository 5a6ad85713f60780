import { describe, expect, it } from "vitest";
import { AccordError } from "./errors.js";
import {
  authorizeOnPolicy,
  authorizeOnSite,
  canOnComment,
  canOnPolicy,
  canOnProposal,
  canOnSite,
  commentGrants,
  policyGrants,
  proposalGrants,
  siteGrants,
  type CommentAction,
  type PolicyAction,
  type PolicyActor,
  type ProposalAction,
  type SiteAction,
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
  "comment_period.manage": ["facilitator"],
  "comment_period.moderate": ["facilitator"],
  "comment_period.respond": ["facilitator", "editor"],
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
    expect(() => authorizeOnPolicy(actors.outsider!, "member.manage")).toThrowError(expect.objectContaining({ code: "not_found" }));
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

const expectedOnSite: Record<SiteAction, string[]> = {
  "account.manage": ["facilitator"],
  "account.read_email": ["facilitator"],
  "body.manage": ["facilitator"],
  "policy.create": ["facilitator"],
  "policy.list_all": ["facilitator"],
};

describe("the site permission table", () => {
  it("covers exactly the actions the expected table lists", () => {
    expect(Object.keys(siteGrants).sort()).toEqual(Object.keys(expectedOnSite).sort());
  });

  for (const action of Object.keys(expectedOnSite) as SiteAction[]) {
    it(`lets only the facilitator ${action}`, () => {
      expect(expectedOnSite[action]).toEqual(["facilitator"]);
      expect(canOnSite({ isFacilitator: true }, action)).toBe(true);
      expect(canOnSite({ isFacilitator: false }, action)).toBe(false);
      expect(() => authorizeOnSite({ isFacilitator: false }, action)).toThrow(AccordError);
    });
  }
});

const expectedOnProposal: Record<ProposalAction, string[]> = {
  "objection.overrule": ["facilitator"],
};

describe("the proposal permission table", () => {
  it("covers exactly the actions the expected table lists", () => {
    expect(Object.keys(proposalGrants).sort()).toEqual(Object.keys(expectedOnProposal).sort());
  });

  for (const action of Object.keys(expectedOnProposal) as ProposalAction[]) {
    for (const [name, actor] of Object.entries(actors)) {
      const allowed = expectedOnProposal[action].includes(name);
      it(`${allowed ? "lets" : "does not let"} a ${name} ${action}`, () => {
        expect(canOnProposal(actor, action)).toBe(allowed);
      });
    }
  }
});

const expectedOnComment: Record<CommentAction, string[]> = {
  "comment.edit": ["author"],
  "comment.delete": ["author"],
};

describe("the comment permission table", () => {
  it("covers exactly the actions the expected table lists", () => {
    expect(Object.keys(commentGrants).sort()).toEqual(Object.keys(expectedOnComment).sort());
  });

  for (const action of Object.keys(expectedOnComment) as CommentAction[]) {
    for (const [name, actor] of Object.entries(actors)) {
      for (const isAuthor of [true, false]) {
        const allowed = expectedOnComment[action].includes(name) || (isAuthor && expectedOnComment[action].includes("author"));
        it(`${allowed ? "lets" : "does not let"} a ${name} who ${isAuthor ? "wrote" : "did not write"} the comment ${action}`, () => {
          expect(canOnComment({ ...actor, isAuthor }, action)).toBe(allowed);
        });
      }
    }
  }
});
