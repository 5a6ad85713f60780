import type { Account, ApprovingBody, PolicyTemplateSummary } from "@accord/api-contract";
import { affiliationLabels } from "@accord/domain";
import { roleLabels, signOffRuleLabels } from "../labels.js";
import type { NewPolicyAnswers, Step } from "./answers.js";

function startDescription(answers: NewPolicyAnswers, templates: readonly PolicyTemplateSummary[]): string {
  const start = answers.start;
  if (start.kind === "empty") return "Empty";
  if (start.kind === "template") {
    const template = templates.find((candidate) => candidate.id === start.templateId);
    return template ? `From the template “${template.name}” (${template.sections.length} sections)` : "From a template";
  }
  const size =
    start.size >= 1024 * 1024 ? `${(start.size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(start.size / 1024))} KB`;
  return `Imported from “${start.fileName}” (${start.kind === "docx" ? "Word" : "Markdown"}, ${size})`;
}

/** One answer: what was asked, what was answered, and a link back to change it. */
function Row(props: { label: string; step: Step; onChange: (step: Step) => void; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        {props.children}{" "}
        <button type="button" class="button-quiet" onClick={() => props.onChange(props.step)}>
          Change<span class="visually-hidden"> {props.label.toLowerCase()}</span>
        </button>
      </dd>
    </>
  );
}

/** The summary to check before creating: every answer, each with a way back to its step. */
export function CheckAnswers(props: {
  answers: NewPolicyAnswers;
  accounts: readonly Account[];
  bodies: readonly ApprovingBody[];
  templates: readonly PolicyTemplateSummary[];
  onChange: (step: Step) => void;
}) {
  const { answers } = props;
  const members = Object.entries(answers.members);
  const bodies = props.bodies.filter((body) => answers.requiredBodyIds.includes(body.id));
  return (
    <dl class="facts">
      <Row label="Title" step="details" onChange={props.onChange}>
        {answers.title}
      </Row>
      <Row label="Slug" step="details" onChange={props.onChange}>
        {answers.slug || "Made from the title"}
      </Row>
      <Row label="Summary" step="details" onChange={props.onChange}>
        {answers.summary || "None"}
      </Row>
      <Row label="Working group" step="group" onChange={props.onChange}>
        {members.length === 0 ? (
          "Nobody yet"
        ) : (
          <ul class="plain-list">
            {members.map(([userId, member]) => {
              const account = props.accounts.find((candidate) => candidate.id === userId);
              return (
                <li key={userId}>
                  {account?.displayName ?? userId}: {roleLabels[member.role]},{" "}
                  {member.affiliation ? affiliationLabels[member.affiliation] : "no affiliation"}
                </li>
              );
            })}
          </ul>
        )}
      </Row>
      <Row label="Approving bodies" step="approval" onChange={props.onChange}>
        {bodies.length === 0 ? "None yet" : bodies.map((body) => body.name).join(", ")}
      </Row>
      <Row label="Sign-off rule" step="approval" onChange={props.onChange}>
        {signOffRuleLabels[answers.signOffRule]}
      </Row>
      <Row label="Draft" step="start" onChange={props.onChange}>
        {startDescription(answers, props.templates)}
      </Row>
    </dl>
  );
}
