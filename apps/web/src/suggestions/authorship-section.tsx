import type { Authorship } from "@accord/api-contract";
import { useEffect, useState } from "preact/hooks";
import { Loaded } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { ColorSwatch } from "../editor/presence-list.js";
import { authorshipRows, characterCount, describeDecision } from "./authorship-wording.js";
import { onDecision } from "./decision-events.js";
import { affiliationColor, affiliationLabel, formatSuggestionTime } from "./suggestion-wording.js";
import { suggestionsApi } from "./suggestions-api.js";
import "./suggestions.css";

/** How many recorded decisions show before "Show all". */
const firstDecisions = 10;

/** The accepted text per affiliation, as a table. */
function AffiliationTable(props: { authorship: Authorship }) {
  const rows = authorshipRows(props.authorship.affiliations);
  if (rows.length === 0) return <p>No suggestion has been decided yet, so all text so far was written directly by editors.</p>;
  return (
    <table class="responsive-table authorship-table">
      <caption class="visually-hidden">Accepted and rejected suggestions by affiliation</caption>
      <thead>
        <tr>
          <th scope="col">Affiliation</th>
          <th scope="col">Share of accepted text</th>
          <th scope="col">Accepted text added</th>
          <th scope="col">Accepted text removed</th>
          <th scope="col">Suggestions accepted</th>
          <th scope="col">Suggestions rejected</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.affiliation ?? "none"}>
            <th scope="row" data-label="Affiliation">
              <span class="authorship-affiliation">
                <ColorSwatch color={affiliationColor(row.affiliation)} />
                {row.label}
              </span>
            </th>
            <td data-label="Share of accepted text">{row.share}</td>
            <td data-label="Accepted text added">{characterCount(row.acceptedInsertedCharacters)}</td>
            <td data-label="Accepted text removed">{characterCount(row.acceptedDeletedCharacters)}</td>
            <td data-label="Suggestions accepted">{row.accepted.toLocaleString("en")}</td>
            <td data-label="Suggestions rejected">{row.rejected.toLocaleString("en")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The latest recorded decisions, newest first: who decided, whose suggestion, what text, when. */
function DecisionList(props: { authorship: Authorship }) {
  const [showAll, setShowAll] = useState(false);
  const { decisions } = props.authorship;
  if (decisions.length === 0) return null;
  const shown = showAll ? decisions : decisions.slice(0, firstDecisions);
  return (
    <>
      <h3 id="latest-decisions-heading">Latest decisions</h3>
      <ul class="plain-list authorship-decisions" aria-labelledby="latest-decisions-heading">
        {shown.map((decision) => {
          const affiliation = affiliationLabel(decision.affiliation);
          return (
            <li
              key={`${decision.suggestionId}-${decision.kind}-${decision.decidedAt}`}
              class={`authorship-decision authorship-${decision.decision}`}
            >
              <span>{describeDecision(decision)}</span>
              <span class="secondary">
                {affiliation ? `${affiliation} suggestion` : "Suggestion"} of{" "}
                <time dateTime={decision.suggestedAt}>{formatSuggestionTime(decision.suggestedAt)}</time>, decided{" "}
                <time dateTime={decision.decidedAt}>{formatSuggestionTime(decision.decidedAt)}</time>
              </span>
            </li>
          );
        })}
      </ul>
      {decisions.length > firstDecisions && (
        <button type="button" class="button-quiet" aria-expanded={showAll ? "true" : "false"} onClick={() => setShowAll(!showAll)}>
          {showAll ? "Show fewer decisions" : `Show all ${decisions.length} decisions`}
        </button>
      )}
    </>
  );
}

/**
 * "Where the text came from": how much accepted text each affiliation's suggestions brought in or took
 * out, and the latest decisions. Reloads after a decision made on this page.
 */
export function AuthorshipSection(props: { policyId: string }) {
  const [authorship, reload] = useResource((signal) => suggestionsApi.getAuthorship(props.policyId, signal), [props.policyId]);
  useEffect(() => onDecision(reload), [reload]);
  return (
    <section class="authorship" aria-labelledby="authorship-heading">
      <h2 id="authorship-heading">Where the text came from</h2>
      <p class="hint">Counted from accepted and rejected suggestions; text that editors type directly is not attributed to anyone.</p>
      <Loaded resource={authorship} what="where the text came from">
        {(data: Authorship) => (
          <>
            <AffiliationTable authorship={data} />
            <DecisionList authorship={data} />
          </>
        )}
      </Loaded>
    </section>
  );
}
