import type { Policy, PolicyDetail } from "@accord/api-contract";
import type { PolicyView } from "../storage/policies.js";
import type { PolicyDetail as PolicyDetailView } from "../use-cases/policies/get-policy.js";
import { presentBody } from "./bodies.js";

/** A policy as listed. */
export function presentPolicy(policy: PolicyView): Policy {
  return {
    id: policy.id,
    slug: policy.slug,
    title: policy.title,
    summary: policy.summary,
    status: policy.status,
    signOffRule: policy.signOffRule,
    createdAt: policy.createdAt,
    updatedAt: policy.updatedAt,
  };
}

/** One policy with the bodies it needs and what the signed-in person may do on it. */
export function presentPolicyDetail(detail: PolicyDetailView): PolicyDetail {
  return {
    ...presentPolicy(detail),
    requiredBodies: detail.requiredBodies.map(presentBody),
    myRole: detail.myRole,
    myAffiliation: detail.myAffiliation,
    myPermissions: [...detail.myPermissions],
  };
}
