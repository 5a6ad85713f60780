import type { Authorship } from "@accord/api-contract";
import { useEffect, useState } from "preact/hooks";
import { Loaded } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { ColorSwatch } from "../editor/presence-list.js";
import { authorshipRows, authorshipTotals, characterCount, describeDecision } from "./authorship-wording.js";
import { onDecision } from "./decision-events.js";
import { affiliationColor, affiliationLabel, formatSuggestionTime } from "./suggestion-wording.js";
import { suggestionsApi } from "./suggestions-api.js";
import "./suggestions.css";

/** How many recorded decisions show before "Show all". */
const firstDecisions = 10;

/** The table's column headings, each also the label of its cell when the table stacks on a phone. */
const columns = {
  affiliation: "Affiliation",
  added: "Characters added by accepted suggestions",
  removed: "Characters removed by accepted suggestions",
  accepted: "Suggestions accepted",
  rejected: "Suggestions rejected",
} as const;

/** The characters of accepted suggestions per affiliation, as counts, with their sums. */
export function AffiliationTable(props: { authorship: Authorship }) {
  const rows = authorshipRows(props.authorship.affiliations);
  if (rows.length === 0) return <p>No suggestion has been decided yet.</p>;
  const totals = authorshipTotals(props.authorship.affiliations);
  return (
    <table class="responsive-table authorship-table">
      <caption class="visually-hidden">Characters of accepted suggestions, by the affiliation of the person who suggested them</caption>
      <thead>
        <tr>
          {Object.values(columns).map((heading) => (
            <th scope="col" key={heading}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.affiliation ?? "none"}>
            <th scope="row" data-label={columns.affiliation}>
              <span class="authorship-affiliation">
                <ColorSwatch color={affiliationColor(row.affiliation)} />
                {row.label}
              </span>
            </th>
            <td data-label={columns.added}>{characterCount(row.acceptedInsertedCharacters)}</td>
            <td data-label={columns.removed}>{characterCount(row.acceptedDeletedCharacters)}</td>
            <td data-label={columns.accepted}>{row.accepted.toLocaleString("en")}</td>
            <td data-label={columns.rejected}>{row.rejected.toLocaleString("en")}</td>
          </tr>
        ))}
      </tbody>
      {rows.length > 1 && (
        <tfoot>
          <tr>
            <th scope="row" data-label={columns.affiliation}>
              All affiliations
            </th>
            <td data-label={columns.added}>{characterCount(totals.acceptedInsertedCharacters)}</td>
            <td data-label={columns.removed}>{characterCount(totals.acceptedDeletedCharacters)}</td>
            <td data-label={columns.accepted}>{totals.accepted.toLocaleString("en")}</td>
            <td data-label={columns.rejected}>{totals.rejected.toLocaleString("en")}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/**
 * The draft's text now, by the affiliation of the person who typed it (accepted suggestions counted for
 * who suggested them), and the characters no record names a typist for (the starting text, a restore).
 */
export function DraftTextTable(props: { authorship: Authorship }) {
  const { byAffiliation, notRecorded } = props.authorship.draftText;
  if (byAffiliation.length === 0 && notRecorded === 0) return <p>The draft has no text yet.</p>;
  const heading = { affiliation: "Affiliation", characters: "Characters in the draft now" } as const;
  return (
    <table class="responsive-table authorship-table draft-text-table">
      <caption class="visually-hidden">Characters in the draft now, by the affiliation of the person who typed them</caption>
      <thead>
        <tr>
          <th scope="col">{heading.affiliation}</th>
          <th scope="col">{heading.characters}</th>
        </tr>
      </thead>
      <tbody>
        {byAffiliation.map((row) => (
          <tr key={row.affiliation ?? "none"}>
            <th scope="row" data-label={heading.affiliation}>
              <span class="authorship-affiliation">
                <ColorSwatch color={affiliationColor(row.affiliation)} />
                {affiliationLabel(row.affiliation) ?? "Outside the working group"}
              </span>
            </th>
            <td data-label={heading.characters}>{characterCount(row.characters)}</td>
          </tr>
        ))}
        {notRecorded > 0 && (
          <tr>
            <th scope="row" data-label={heading.affiliation}>
              Not recorded (the starting text, restores)
            </th>
            <td data-label={heading.characters}>{characterCount(notRecorded)}</td>
          </tr>
        )}
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
 * "Where the text came from": how many characters each affiliation's accepted suggestions added and
 * removed, as counts, and the latest decisions. It says what it does not count, text that editors type
 * directly, so that no row reads as authorship of the whole policy. Reloads after a decision made on
 * this page.
 */
export function AuthorshipSection(props: { policyId: string }) {
  const [authorship, reload] = useResource((signal) => suggestionsApi.getAuthorship(props.policyId, signal), [props.policyId]);
  useEffect(() => onDecision(reload), [reload]);
  return (
    <section class="authorship" aria-labelledby="authorship-heading">
      <h2 id="authorship-heading">Where the text came from</h2>
      <Loaded resource={authorship} what="where the text came from">
        {(data: Authorship) => (
          <>
            <h3 id="draft-text-heading">Who typed the draft's text</h3>
            <p class="hint">
              Characters in the draft now, by the affiliation of the person who typed them. Text from an accepted suggestion counts for the
              person who suggested it. Text that no record names a typist for (the starting text, a restored version) is counted apart.
            </p>
            <DraftTextTable authorship={data} />
            <h3 id="accepted-suggestions-heading">Accepted suggestions</h3>
            <p class="hint">
              Characters of the suggestions that editors accepted, counted by the affiliation of the person who suggested them. Text that
              editors type directly, outside suggestion mode, is not in these counts.
            </p>
            <AffiliationTable authorship={data} />
            <DecisionList authorship={data} />
          </>
        )}
      </Loaded>
    </section>
  );
}
