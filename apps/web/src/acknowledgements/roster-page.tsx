import type { RosterPerson, RosterPreview } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { FacilitatorsOnly } from "../components/require-account.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { useAccount } from "../session.js";
import { paths } from "../paths.js";
import { acknowledgementsApi } from "./acknowledgements-api.js";

const actionWords: Record<RosterPreview["rows"][number]["action"], string> = {
  create: "Create",
  change: "Change",
  unchanged: "No change",
  refuse: "Refused",
};

function RosterTable(props: { people: RosterPerson[] }) {
  if (props.people.length === 0) return <p>No one is on the roster yet.</p>;
  return (
    <table class="responsive-table">
      <caption class="visually-hidden">The department's people, with their unit and supervisor.</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Unit</th>
          <th scope="col">Supervisor</th>
          <th scope="col">Password</th>
        </tr>
      </thead>
      <tbody>
        {props.people.map((person) => (
          <tr key={person.userId}>
            <td>
              <a href={paths.personHistory(person.userId)}>{person.displayName}</a>
              <br />
              <span class="meta">{person.email}</span>
            </td>
            <td>{person.unit}</td>
            <td>{person.supervisorName ?? "None"}</td>
            <td>{person.passwordSet ? "Set" : "Link sent, not set yet"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PreviewTable(props: { preview: RosterPreview }) {
  const { counts, rows } = props.preview;
  return (
    <>
      <p role="status">
        {props.preview.applied ? "Imported" : "Preview"}: {counts.create} to create, {counts.change} to change, {counts.unchanged}{" "}
        unchanged, {counts.refuse} refused{props.preview.applied ? "" : " (refused rows change nothing)"}.
      </p>
      <table class="responsive-table">
        <caption class="visually-hidden">What each row of the file does, and why.</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Person</th>
            <th scope="col">Unit</th>
            <th scope="col">What happens</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.line}>
              <td>{row.line}</td>
              <td>
                {row.displayName || "(no name)"}
                <br />
                <span class="meta">{row.email || "(no e-mail)"}</span>
              </td>
              <td>{row.unit}</td>
              <td>{actionWords[row.action]}</td>
              <td>{row.reasons.join("; ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ImportForm(props: { onImported: () => void }) {
  const previewing = useAction();
  const importing = useAction();
  const [csv, setCsv] = useState("");
  const [preview, setPreview] = useState<RosterPreview | null>(null);

  async function readFile(file: File | undefined) {
    if (!file) return;
    setCsv(await file.text());
    setPreview(null);
  }

  async function showPreview(event: TargetedSubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    await previewing.run(async () => setPreview(await acknowledgementsApi.previewImport(csv)));
  }

  async function apply() {
    await importing.run(async () => {
      setPreview(await acknowledgementsApi.import(csv));
      props.onImported();
    });
  }

  return (
    <section class="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Import from a CSV file</h2>
      <form class="stack" onSubmit={showPreview}>
        <div class="field">
          <label for="roster-file">Roster file</label>
          <p class="hint" id="roster-file-hint">
            Columns: email, name, unit, supervisor_email. New people get an e-mail with a link to set their password.
          </p>
          <input
            id="roster-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="roster-file-hint"
            onChange={(event) => void readFile(event.currentTarget.files?.[0])}
          />
        </div>
        <ActionFeedback action={previewing} />
        <button type="submit" disabled={!csv || previewing.pending}>
          Preview the import
        </button>
      </form>
      {preview && <PreviewTable preview={preview} />}
      {preview && !preview.applied && (
        <>
          <ActionFeedback action={importing} />
          <button
            type="button"
            disabled={importing.pending || preview.counts.create + preview.counts.change === 0}
            onClick={() => void apply()}
          >
            Import {preview.counts.create + preview.counts.change} people
          </button>
        </>
      )}
    </section>
  );
}

function AddPersonForm(props: { onSaved: () => void }) {
  const saving = useAction();
  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const input = {
      email: textOf(form, "email"),
      displayName: textOf(form, "displayName"),
      unit: textOf(form, "unit"),
      supervisorEmail: textOf(form, "supervisorEmail") || null,
    };
    await saving.run(async () => {
      const person = await acknowledgementsApi.savePerson(input);
      form.reset();
      props.onSaved();
      return `${person.displayName} is on the roster.`;
    });
  }
  return (
    <section class="panel" aria-labelledby="add-person-heading">
      <h2 id="add-person-heading">Add or change one person</h2>
      <form class="stack" onSubmit={submit}>
        <TextField label="Email" name="email" type="email" required autoComplete="off" maxLength={254} />
        <TextField label="Name" name="displayName" required autoComplete="off" maxLength={120} />
        <TextField label="Unit" name="unit" required autoComplete="off" maxLength={120} />
        <TextField label="Supervisor's email" name="supervisorEmail" type="email" required={false} autoComplete="off" maxLength={254} />
        <ActionFeedback action={saving} />
        <button type="submit" disabled={saving.pending}>
          Save
        </button>
      </form>
    </section>
  );
}

/** The facilitator's roster: the department's people with unit and supervisor, one by one or from CSV. */
export function RosterPage() {
  usePageTitle("Roster");
  const me = useAccount();
  const [people, reload] = useResource((signal) => acknowledgementsApi.roster(signal), []);
  if (!me.isFacilitator) return <FacilitatorsOnly title="Roster" action="keep the department's roster" />;
  return (
    <>
      <h1>Roster</h1>
      <Loaded resource={people} what="the roster">
        {(list) => <RosterTable people={list} />}
      </Loaded>
      <AddPersonForm onSaved={reload} />
      <ImportForm onImported={reload} />
    </>
  );
}
