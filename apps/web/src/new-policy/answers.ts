import type { Affiliation, PolicyRole, SignOffRule } from "@accord/domain";
import type { BodyOf, policyEndpoints } from "@accord/api-contract";
import type { ImportedStart } from "./starting-file.js";

/** One person picked for the working group, with the role and affiliation they will have on this policy. */
export interface PickedMember {
  role: PolicyRole;
  /** Empty until chosen when the account has no default affiliation. */
  affiliation: Affiliation | "";
}

/** How the draft starts, as chosen in step 4. */
export type StartChoice = { kind: "empty" } | { kind: "template"; templateId: string } | (ImportedStart & { size: number });

/** Everything the new-policy flow has been told so far. */
export interface NewPolicyAnswers {
  title: string;
  slug: string;
  summary: string;
  /** By account id, in the order picked. */
  members: Record<string, PickedMember>;
  requiredBodyIds: string[];
  signOffRule: SignOffRule;
  start: StartChoice;
}

export const emptyAnswers: NewPolicyAnswers = {
  title: "",
  slug: "",
  summary: "",
  members: {},
  requiredBodyIds: [],
  signOffRule: "each_affiliation",
  start: { kind: "empty" },
};

/** The steps, in order; "check" is the summary before creating. */
export const steps = ["details", "group", "approval", "start", "check"] as const;
export type Step = (typeof steps)[number];

/** The step's heading, as the page title and the "Change" links name it. */
export const stepTitles: Record<Step, string> = {
  details: "Title and summary",
  group: "Working group",
  approval: "Approving bodies and sign-off rule",
  start: "How the draft starts",
  check: "Check your answers",
};

/** The one request that creates the policy with everything answered. */
export function createRequest(answers: NewPolicyAnswers): BodyOf<typeof policyEndpoints.create> {
  const start = answers.start;
  return {
    title: answers.title,
    ...(answers.slug ? { slug: answers.slug } : {}),
    ...(answers.summary ? { summary: answers.summary } : {}),
    signOffRule: answers.signOffRule,
    members: Object.entries(answers.members).map(([userId, member]) => ({
      userId,
      role: member.role,
      affiliation: member.affiliation as Affiliation,
    })),
    requiredBodyIds: answers.requiredBodyIds,
    start:
      start.kind === "markdown"
        ? { kind: "markdown", fileName: start.fileName, text: start.text }
        : start.kind === "docx"
          ? { kind: "docx", fileName: start.fileName, base64: start.base64 }
          : start,
  };
}
