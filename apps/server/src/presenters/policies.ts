import type { Policy, PolicyDetail, PolicyTemplateSummary } from "@accord/api-contract";
import { templateSectionTitles, type PolicyTemplate } from "@accord/policy-schema";
import type { PolicyRow } from "../storage/policies.js";
import type { PolicyDetail as PolicyDetailView } from "../use-cases/policies/get-policy.js";
import { presentBody } from "./bodies.js";

/** A policy as listed. */
export function presentPolicy(row: PolicyRow): Policy {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    status: row.status,
    signOffRule: row.sign_off_rule,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** One policy with the bodies it needs and what the signed-in person may do on it. */
export function presentPolicyDetail(detail: PolicyDetailView): PolicyDetail {
  return {
    ...presentPolicy(detail.policy),
    requiredBodies: detail.requiredBodies.map(presentBody),
    myRole: detail.myRole,
    myAffiliation: detail.myAffiliation,
    myPermissions: [...detail.myPermissions],
  };
}

/** A template as the new-policy flow lists it: its name, what it holds, and its section titles. */
export function presentPolicyTemplate(template: PolicyTemplate): PolicyTemplateSummary {
  return { id: template.id, name: template.name, description: template.description, sections: templateSectionTitles(template) };
}
