import type { VersionSummary } from "@accord/api-contract";
import type { TargetedSubmitEvent } from "preact";
import { useLocation } from "preact-iso";
import type { CompareSide } from "../api.js";
import { SelectField } from "../components/fields.js";
import { takeForm, textOf } from "../components/form-values.js";
import { paths } from "../paths.js";
import { compareChoices, parseCompareSide } from "./compare-query.js";

/**
 * Two selects (every version and "Current draft") and a Compare button that opens the compare page for
 * them. Used on the compare page itself and on each version's page.
 */
export function CompareForm(props: {
  policyId: string;
  versions: readonly VersionSummary[];
  from: CompareSide | null;
  to: CompareSide | null;
}) {
  const { route } = useLocation();
  const choices = compareChoices(props.versions);

  function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
    const form = takeForm(event);
    const from = parseCompareSide(textOf(form, "from"));
    const to = parseCompareSide(textOf(form, "to"));
    // Both selects are required and offer only valid sides, so null means a choice was left empty.
    if (from === null || to === null) return;
    route(paths.compare(props.policyId, from, to));
  }

  return (
    // Keyed on the sides, so that after navigating the selects show the new comparison, not the old choice.
    <form key={`${props.from}-${props.to}`} class="compare-form" onSubmit={submit} aria-label="Choose what to compare">
      <SelectField
        label="From"
        name="from"
        required
        placeholder="Choose a version"
        options={choices}
        defaultValue={props.from === null ? "" : String(props.from)}
        hint="The older text; what it lost is struck through."
      />
      <SelectField
        label="To"
        name="to"
        required
        placeholder="Choose a version"
        options={choices}
        defaultValue={props.to === null ? "" : String(props.to)}
        hint="The newer text; what it gained is underlined."
      />
      <button type="submit">Compare</button>
    </form>
  );
}
