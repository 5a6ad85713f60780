import type { PublicationSummary } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useId, useState } from "preact/hooks";
import { api } from "../api.js";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { FieldError, SelectField, TextField } from "../components/fields.js";
import { FieldProblems } from "../components/field-problems.js";
import { ProblemsBesideFields, useFieldProblem } from "../components/form-problems.js";
import { takeForm, textOf, checkedValues } from "../components/form-values.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { workflowApi } from "../workflow-api.js";
import { acknowledgementsApi } from "./acknowledgements-api.js";
import { listRefusals, readCampaignForm, readEmailList, type CampaignFormValues } from "./campaign-input.js";
import { emptyQuestion, QuizEditor, type EditedQuestion } from "./quiz-editor.js";

type AudienceKind = CampaignFormValues["audience"];

const standingWords: Record<PublicationSummary["standing"], string> = {
  in_force: "in force",
  adopted: "adopted, not yet in force",
  superseded: "superseded",
};

/** The published versions of the chosen policy, each with its number and content hash. */
function VersionChoice(props: { publications: PublicationSummary[]; chosen: string; onChoose: (value: string) => void }) {
  const { publications } = props;
  if (publications.length === 0) {
    return <p class="field-error">This policy has no published version yet: only a published version can be acknowledged.</p>;
  }
  const chosen = publications.find((publication) => String(publication.versionNumber) === props.chosen);
  return (
    <>
      <SelectField
        label="Published version"
        name="versionNumber"
        required
        placeholder="Choose a version"
        defaultValue={props.chosen}
        onChange={props.onChoose}
        options={publications.map((publication) => [
          String(publication.versionNumber),
          `Version ${publication.versionNumber} (${standingWords[publication.standing]}, from ${publication.effectiveDate}), hash ${publication.contentHash.slice(0, 12)}…`,
        ])}
      />
      {chosen && (
        <p class="hash-line">
          Version {chosen.versionNumber}, SHA-256 content hash <code class="hash">{chosen.contentHash}</code>. Officers confirm exactly this
          text.
        </p>
      )}
    </>
  );
}

/** Everyone, chosen units, or a list: radios that keep every choice in view. */
function AudienceChoice(props: { kind: AudienceKind; onChoose: (kind: AudienceKind) => void }) {
  const id = useId();
  const options: [AudienceKind, string][] = [
    ["everyone", "Everyone on the roster"],
    ["units", "Chosen units"],
    ["list", "A list of people (pasted or uploaded e-mails)"],
  ];
  return (
    <fieldset>
      <legend>Who must acknowledge it</legend>
      {options.map(([value, label]) => (
        <div class="field checkbox" key={value}>
          <input
            id={`${id}-${value}`}
            type="radio"
            name="audience"
            value={value}
            checked={props.kind === value}
            onChange={() => props.onChoose(value)}
          />
          <label for={`${id}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The roster's units, to tick. */
function UnitChoice(props: { units: string[] }) {
  const id = useId();
  const error = useFieldProblem({ id: `${id}-0`, name: "audience/units", label: "Units" });
  if (props.units.length === 0) return <p>No one is on the roster yet, so there are no units to choose.</p>;
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Units</legend>
      <FieldError id={id} error={error} />
      {props.units.map((unit, index) => (
        <div class="field checkbox" key={unit}>
          <input id={`${id}-${index}`} type="checkbox" name="audience/units" value={unit} aria-invalid={error ? true : undefined} />
          <label for={`${id}-${index}`}>{unit}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The list of people: pasted, or read from a file; then what each line became, with the server's refusals beside their rows. */
function PeopleList(props: { text: string; onText: (text: string) => void; error: unknown }) {
  const list = readEmailList(props.text);
  const refusals = new Map(listRefusals(props.error, list.entries).map((refusal) => [refusal.line, refusal.problem]));
  const problems = new Map(list.problems.map((problem) => [problem.line, problem.problem]));
  const rows = [
    ...list.entries.map((entry) => ({ line: entry.line, text: entry.email, problem: refusals.get(entry.line) ?? null })),
    ...list.problems.map((problem) => ({ line: problem.line, text: problem.text, problem: problems.get(problem.line) ?? null })),
  ].sort((a, b) => a.line - b.line);
  // The text area is the browser's own (uncontrolled); a file read into it replaces it, under a new key.
  const [generation, setGeneration] = useState(0);
  async function readFile(file: File | undefined) {
    if (!file) return;
    props.onText(await file.text());
    setGeneration((value) => value + 1);
  }
  return (
    <>
      <div onInput={(event) => props.onText((event.target as HTMLTextAreaElement).value)}>
        <TextField
          key={generation}
          label="E-mail addresses"
          name="audience/emails"
          multiline
          maxLength={400_000}
          defaultValue={props.text}
          hint="One per line, or a CSV file with an email column (the roster's own file works). Everyone must be on the roster."
        />
      </div>
      <div class="field">
        <label for="campaign-list-file">Or upload a file</label>
        <input
          id="campaign-list-file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(event) => void readFile(event.currentTarget.files?.[0])}
        />
      </div>
      {rows.length > 0 && (
        <table class="responsive-table">
          <caption>The list, line by line ({list.entries.length} people)</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">E-mail</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td class="hash">{row.text}</td>
                <td>{row.problem ? <strong class="field-error">{row.problem}</strong> : "None"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Today in the browser's calendar, as YYYY-MM-DD (a due date before it is refused). */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/**
 * The facilitator's new campaign: the policy, then one of its published versions (number and hash), who
 * must acknowledge it, by when, and an optional quiz. Problems show beside their fields, the server's too.
 */
export function CampaignForm(props: { onCreated: () => void }) {
  const creating = useAction();
  const [policies] = useResource((signal) => api.listPolicies(signal), []);
  const [roster] = useResource((signal) => acknowledgementsApi.roster(signal), []);
  const [policyId, setPolicyId] = useState("");
  const [versionNumber, setVersionNumber] = useState("");
  const [publications] = useResource(
    (signal) => (policyId ? workflowApi.listProposals(policyId, signal).then((r) => r.publications) : Promise.resolve([])),
    [policyId],
  );
  const [audience, setAudience] = useState<AudienceKind>("everyone");
  const [listText, setListText] = useState("");
  const [quizOn, setQuizOn] = useState(false);
  const [questions, setQuestions] = useState<EditedQuestion[]>([]);
  const [passMark, setPassMark] = useState("100");
  const units =
    roster.state === "ready" ? [...new Set(roster.data.filter((person) => !person.disabled).map((person) => person.unit))].sort() : [];

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const published = publications.state === "ready" ? publications.data : [];
    const version = published.find((publication) => String(publication.versionNumber) === versionNumber);
    const read = readCampaignForm(
      {
        policyId,
        version: version ? { number: version.versionNumber, contentHash: version.contentHash } : null,
        dueDate: textOf(form, "dueDate"),
        audience,
        units: checkedValues(form, "audience/units"),
        list: readEmailList(listText),
        quiz: quizOn ? { questions, passMarkPercent: passMark } : null,
      },
      today(),
    );
    await creating.run(async () => {
      if (!read.ok) throw new FieldProblems(read.problems);
      const campaign = await acknowledgementsApi.createCampaign(read.input);
      props.onCreated();
      return `Assigned version ${campaign.versionNumber} of ${campaign.policyTitle} to ${campaign.assigned} ${campaign.assigned === 1 ? "person" : "people"}, due ${campaign.dueDate}.`;
    });
  }

  return (
    <section class="panel" aria-labelledby="new-campaign-heading">
      <h2 id="new-campaign-heading">Ask officers to acknowledge a version</h2>
      <form class="stack" onSubmit={submit} noValidate>
        <ProblemsBesideFields error={creating.error}>
          <Loaded resource={policies} what="the policies">
            {(list) => (
              <SelectField
                label="Policy"
                name="policyId"
                required
                placeholder="Choose a policy"
                defaultValue={policyId}
                onChange={(value) => {
                  setPolicyId(value);
                  setVersionNumber("");
                }}
                options={list.map((policy) => [policy.id, policy.title])}
              />
            )}
          </Loaded>
          {policyId && (
            <Loaded resource={publications} what="the published versions">
              {(published) => <VersionChoice key={policyId} publications={published} chosen={versionNumber} onChoose={setVersionNumber} />}
            </Loaded>
          )}
          <AudienceChoice kind={audience} onChoose={setAudience} />
          {audience === "units" && <UnitChoice units={units} />}
          {audience === "list" && <PeopleList text={listText} onText={setListText} error={creating.error} />}
          <TextField label="Due date" name="dueDate" type="date" required />
          <fieldset>
            <legend>Quiz</legend>
            <div class="field checkbox">
              <input
                id="campaign-quiz-on"
                type="checkbox"
                checked={quizOn}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setQuizOn(on);
                  if (on && questions.length === 0) setQuestions([emptyQuestion()]);
                }}
              />
              <label for="campaign-quiz-on">Officers must pass a quiz before acknowledging</label>
            </div>
            {quizOn && <QuizEditor questions={questions} onChange={setQuestions} passMark={passMark} onPassMarkChange={setPassMark} />}
          </fieldset>
          <ActionFeedback action={creating} />
          <button type="submit" disabled={creating.pending}>
            Assign the version
          </button>
        </ProblemsBesideFields>
      </form>
    </section>
  );
}
