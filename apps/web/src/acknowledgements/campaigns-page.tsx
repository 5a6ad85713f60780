import type { Campaign, CampaignReport } from "@accord/api-contract";
import { Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { FacilitatorsOnly } from "../components/require-account.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { useAccount } from "../session.js";
import { formatVersionTime } from "../versions/version-format.js";
import { acknowledgementsApi, reportCsvHref } from "./acknowledgements-api.js";
import { CampaignForm } from "./campaign-form.js";
import { PolicyAcknowledgementSettings } from "./policy-acknowledgement-settings.js";
import { assignmentStatusWords } from "./status-words.js";
import "./acknowledgements.css";

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
              <a href={paths.personHistory(line.userId)}>{line.displayName}</a> ({line.unit})
              {line.supervisorName ? `, supervisor ${line.supervisorName}` : ""}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Everyone asked ({report.people.length})</summary>
        <table class="responsive-table">
          <caption class="visually-hidden">Everyone this campaign asked, with where they stand.</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Unit</th>
              <th scope="col">Status</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {report.people.map((line) => (
              <tr key={line.userId}>
                <td>
                  <a href={paths.personHistory(line.userId)}>{line.displayName || line.email}</a>
                </td>
                <td>{line.unit}</td>
                <td>
                  {assignmentStatusWords[line.status]}
                  {line.overdue ? " (overdue)" : ""}
                </td>
                <td>{line.acknowledgedAt ? formatVersionTime(line.acknowledgedAt) : "Not yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
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
      <p class="hash-line">
        Content hash <code class="hash">{campaign.contentHash}</code>
      </p>
      {campaign.editorial && (
        <p class="notice">
          Version {campaign.versionNumber} is marked "editorial, no new acknowledgement" ({formatVersionTime(campaign.editorial.markedAt)}):{" "}
          {campaign.editorial.reason}
        </p>
      )}
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
      <CampaignForm onCreated={reload} />
      <PolicyAcknowledgementSettings onChanged={reload} />
    </>
  );
}
