import type { Campaign, CampaignReport } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { ActionFeedback, Loaded } from "../components/feedback.js";
import { TextField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { usePageTitle } from "../components/page-title.js";
import { FacilitatorsOnly } from "../components/require-account.js";
import { useAction } from "../components/use-action.js";
import { useResource } from "../components/use-resource.js";
import { useAccount } from "../session.js";
import { acknowledgementsApi, reportCsvHref } from "./acknowledgements-api.js";

function ReportTables(props: { report: CampaignReport }) {
  const { report } = props;
  const overdue = report.people.filter((line) => line.overdue);
  return (
    <>
      <table class="responsive-table">
        <caption>Completion per unit</caption>
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Acknowledged</th>
            <th scope="col">Overdue</th>
          </tr>
        </thead>
        <tbody>
          {report.units.map((unit) => (
            <tr key={unit.unit}>
              <td>{unit.unit}</td>
              <td>
                {unit.acknowledged} of {unit.assigned}
              </td>
              <td>{unit.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Overdue ({overdue.length})</h4>
      {overdue.length === 0 ? (
        <p>No one is overdue.</p>
      ) : (
        <ul>
          {overdue.map((line) => (
            <li key={line.userId}>
              {line.displayName} ({line.unit}){line.supervisorName ? `, supervisor ${line.supervisorName}` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function CampaignItem(props: { campaign: Campaign }) {
  const { campaign } = props;
  const [report] = useResource((signal) => acknowledgementsApi.report(campaign.id, signal), [campaign.id]);
  return (
    <li class="panel">
      <h3>
        {campaign.policyTitle}, version {campaign.versionNumber}
        {campaign.status === "replaced" ? " (replaced by a newer version)" : ""}
      </h3>
      <p>
        {campaign.audience} · due {campaign.dueDate}
        {campaign.hasQuiz ? " · with a quiz" : ""} · {campaign.acknowledged} of {campaign.assigned} acknowledged · {campaign.overdue}{" "}
        overdue
      </p>
      <Loaded resource={report} what="the report">
        {(data) => <ReportTables report={data} />}
      </Loaded>
      <p>
        <a href={reportCsvHref(campaign.id)} download>
          Download the report as CSV
        </a>
      </p>
    </li>
  );
}

function NewCampaignForm(props: { onCreated: () => void }) {
  const creating = useAction();
  async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const units = textOf(form, "units")
      .split(",")
      .map((unit) => unit.trim())
      .filter(Boolean);
    const input = {
      policyId: textOf(form, "policyId"),
      versionNumber: Number(textOf(form, "versionNumber")),
      contentHash: textOf(form, "contentHash"),
      dueDate: textOf(form, "dueDate"),
      audience: units.length > 0 ? { kind: "units" as const, units } : { kind: "everyone" as const },
    };
    await creating.run(async () => {
      const campaign = await acknowledgementsApi.createCampaign(input);
      props.onCreated();
      return `Assigned version ${campaign.versionNumber} to ${campaign.assigned} people.`;
    });
  }
  return (
    <section class="panel" aria-labelledby="new-campaign-heading">
      <h2 id="new-campaign-heading">New campaign</h2>
      <form class="stack" onSubmit={submit}>
        <TextField label="Policy id" name="policyId" required autoComplete="off" maxLength={36} />
        <TextField label="Version number" name="versionNumber" inputMode="numeric" required autoComplete="off" maxLength={6} />
        <TextField
          label="Content hash"
          name="contentHash"
          required
          autoComplete="off"
          maxLength={64}
          hint="The published version's SHA-256, as its public page shows it."
        />
        <TextField label="Due date" name="dueDate" type="date" required />
        <TextField
          label="Units"
          name="units"
          required={false}
          autoComplete="off"
          maxLength={2000}
          hint="Separated by commas; leave empty for everyone on the roster."
        />
        <ActionFeedback action={creating} />
        <button type="submit" disabled={creating.pending}>
          Assign
        </button>
      </form>
    </section>
  );
}

/** The facilitator's campaigns, each with its report (completion per unit, overdue, CSV). */
export function CampaignsPage() {
  usePageTitle("Acknowledgements");
  const me = useAccount();
  const [campaigns, reload] = useResource((signal) => acknowledgementsApi.campaigns(signal), []);
  if (!me.isFacilitator) return <FacilitatorsOnly title="Acknowledgements" action="see officers' acknowledgements" />;
  return (
    <>
      <h1>Officers' acknowledgements</h1>
      <Loaded resource={campaigns} what="the campaigns">
        {(list) =>
          list.length === 0 ? (
            <p>No campaign yet.</p>
          ) : (
            <ul class="plain-list">
              {list.map((campaign) => (
                <CampaignItem key={campaign.id} campaign={campaign} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <NewCampaignForm onCreated={reload} />
    </>
  );
}
