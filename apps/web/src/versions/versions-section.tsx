import type { VersionSummary } from "@accord/api-contract";
import { useRef } from "preact/hooks";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { SaveVersionForm } from "./save-version-form.js";
import { VersionDetails } from "./version-details.js";
import { VersionEntry } from "./version-entry.js";

/** The props of the policy page's Versions section. */
export interface VersionsSectionProps {
  policyId: string;
  /** The person holds "version.save": they see the save form. */
  canSave: boolean;
  /** The person holds "draft.edit": they may restore a version into the draft. */
  canRestore: boolean;
  /** The version open on the tab, as its address names it (`/versions/3` → "3"), or null for none. */
  selected: string | null;
  /** Opens one version (or none); the page's address follows, so the view can be shared. */
  onSelect: (version: number | null) => void;
}

/**
 * The policy page's Versions section, like Google Docs' version history: the version chosen (its facts,
 * text, downloads and restore), the form to save one, and the timeline, newest first. Saving or restoring
 * reloads the timeline; the live editor beside it follows a restore by itself, through Yjs.
 */
export function VersionsSection(props: VersionsSectionProps) {
  const [versions, reload] = useResource((signal) => api.listVersions(props.policyId, signal), [props.policyId]);
  const selectedNumber = props.selected === null ? null : Number(props.selected);
  // A version chosen here takes the focus when it opens; one opened by the address leaves it where it is.
  const chosenHere = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const choose = (version: number | null) => {
    chosenHere.current = version !== null;
    props.onSelect(version);
    // Closing removes the focused "Close" button: the focus goes to the section's heading, not to the page's top.
    if (version === null) requestAnimationFrame(() => heading.current?.focus());
  };
  return (
    <section class="versions" aria-labelledby="versions-heading">
      <h2 id="versions-heading" tabIndex={-1} ref={heading}>
        Versions
      </h2>
      {props.selected !== null && (
        <VersionDetails
          key={props.selected}
          policyId={props.policyId}
          version={props.selected}
          canRestore={props.canRestore}
          onRestored={reload}
          onClose={() => choose(null)}
          takeFocus={chosenHere.current}
        />
      )}
      {props.canSave && <SaveVersionForm policyId={props.policyId} onSaved={reload} />}
      <Loaded resource={versions} what="the versions">
        {(list: VersionSummary[]) =>
          list.length === 0 ? (
            <p>No version has been saved yet.</p>
          ) : (
            <>
              <p>
                <a href={paths.compare(props.policyId)}>Compare any two versions, or a version with the draft</a>
              </p>
              <ul class="version-timeline" aria-label="Saved versions, newest first">
                {list.map((version) => (
                  <VersionEntry
                    key={version.number}
                    policyId={props.policyId}
                    version={version}
                    open={version.number === selectedNumber}
                    onOpen={() => choose(version.number)}
                    canRestore={props.canRestore}
                    onRestored={reload}
                  />
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
