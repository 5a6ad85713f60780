import { affiliationLabels, affiliations } from "@accord/domain";
import { useId } from "preact/hooks";
import type { StatusFilter, ThreadFilter } from "./thread-groups.js";

const statusChoices: readonly (readonly [StatusFilter, string])[] = [
  ["open", "Open"],
  ["resolved", "Resolved"],
  ["all", "All"],
];

/** The margin's filters: Open / Resolved / All, only threads that involve me, and who started them. */
export function CommentFilters(props: { filter: ThreadFilter; onChange: (filter: ThreadFilter) => void }) {
  const id = useId();
  const { filter, onChange } = props;
  return (
    <div class="comment-filters">
      <fieldset class="comment-status-filter">
        <legend class="visually-hidden">Show threads</legend>
        {statusChoices.map(([value, label]) => (
          <label key={value} class={`filter-choice${filter.status === value ? " filter-choice-on" : ""}`}>
            <input
              type="radio"
              name={`${id}-status`}
              value={value}
              checked={filter.status === value}
              onChange={() => onChange({ ...filter, status: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div class="comment-filter-row">
        <label class="filter-choice">
          <input type="checkbox" checked={filter.mine} onChange={(event) => onChange({ ...filter, mine: event.currentTarget.checked })} />
          Mine
        </label>
        <label for={`${id}-affiliation`} class="filter-label">
          Started by
        </label>
        <select
          id={`${id}-affiliation`}
          value={filter.affiliation}
          onChange={(event) => onChange({ ...filter, affiliation: event.currentTarget.value })}
        >
          <option value="">Any affiliation</option>
          {affiliations.map((affiliation) => (
            <option key={affiliation} value={affiliation}>
              {affiliationLabels[affiliation]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
