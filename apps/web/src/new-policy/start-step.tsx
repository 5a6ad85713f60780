import type { PolicyTemplateSummary } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { FieldError } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import type { NewPolicyAnswers, StartChoice } from "./answers.js";
import { ErrorSummary, type Problem } from "./error-summary.js";
import { startFileFieldId } from "./file-refusal.js";
import { readStartingFile, startingFileHint } from "./starting-file.js";

/**
 * Step 4: the draft starts empty, from a template, or from an imported Markdown or Word file. The file is
 * checked here against the shared limits; what gets past that and is refused by the server at "Create
 * policy" comes back here as `refusal`, a problem of the file field like the step's own.
 */
export function StartStep(props: {
  answers: NewPolicyAnswers;
  templates: readonly PolicyTemplateSummary[];
  /** The server's refusal of the chosen file, in its words, from the last "Create policy". */
  refusal?: Problem | null;
  onNext: (changes: Partial<NewPolicyAnswers>) => void;
}) {
  const [found, setProblems] = useState<Problem[]>([]);
  // The step's own problems once it has been submitted again; until then, the server's refusal.
  const problems = found.length > 0 ? found : props.refusal ? [props.refusal] : [];
  const [reading, setReading] = useState(false);
  const start = props.answers.start;
  const chosen = start.kind === "template" ? `template:${start.templateId}` : start.kind === "empty" ? "empty" : "file";
  // The file's problem is also shown beside the field (GOV.UK's error message), not only in the summary.
  const fileProblem = problems.find((problem) => problem.fieldId === startFileFieldId)?.message;

  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const choice = textOf(form, "start");
    if (choice === "empty") return props.onNext({ start: { kind: "empty" } });
    if (choice.startsWith("template:")) return props.onNext({ start: { kind: "template", templateId: choice.slice("template:".length) } });
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file) {
      // A file read on an earlier visit to this step is kept until another is chosen.
      if (start.kind === "markdown" || start.kind === "docx") return props.onNext({ start });
      setProblems([{ fieldId: startFileFieldId, message: "Choose a Markdown (.md) or Word (.docx) file to import" }]);
      return;
    }
    setReading(true);
    try {
      const imported = await readStartingFile(file);
      setProblems([]);
      props.onNext({ start: { ...imported, size: file.size } satisfies StartChoice });
    } catch (error) {
      setProblems([{ fieldId: startFileFieldId, message: error instanceof Error ? error.message : "The file could not be read." }]);
    } finally {
      setReading(false);
    }
  }

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} />
      <fieldset>
        <legend>Start the draft</legend>
        <div class="field checkbox">
          <input id="start-empty" type="radio" name="start" value="empty" defaultChecked={chosen === "empty"} />
          <label for="start-empty">Empty</label>
        </div>
        {props.templates.map((template) => (
          <div class="field checkbox" key={template.id}>
            <input
              id={`start-template-${template.id}`}
              type="radio"
              name="start"
              value={`template:${template.id}`}
              defaultChecked={chosen === `template:${template.id}`}
              aria-describedby={`start-template-${template.id}-hint`}
            />
            <label for={`start-template-${template.id}`}>From the template “{template.name}”</label>
            <p class="hint" id={`start-template-${template.id}-hint`}>
              {template.description} {template.sections.length} sections.
            </p>
          </div>
        ))}
        <div class="field checkbox">
          <input id="start-import" type="radio" name="start" value="file" defaultChecked={chosen === "file"} />
          <label for="start-import">From a Markdown or Word file</label>
        </div>
      </fieldset>
      <div class="field">
        <label for="start-file">
          File to import<span class="optional"> (when importing)</span>
        </label>
        <p class="hint" id="start-file-hint">
          {startingFileHint}
          {(start.kind === "markdown" || start.kind === "docx") && ` Chosen: “${start.fileName}”.`}
        </p>
        <input
          id="start-file"
          name="file"
          type="file"
          accept=".md,.markdown,.txt,text/markdown,.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-describedby={fileProblem ? "start-file-hint start-file-error" : "start-file-hint"}
          aria-invalid={fileProblem ? true : undefined}
          onChange={(event) => {
            const importRadio = event.currentTarget.form?.elements.namedItem("start") as RadioNodeList | null;
            if (importRadio && event.currentTarget.files?.length) importRadio.value = "file";
          }}
        />
        <FieldError id="start-file" error={fileProblem} />
      </div>
      <button type="submit" disabled={reading}>
        {reading ? "Reading the file…" : "Continue"}
      </button>
    </form>
  );
}
