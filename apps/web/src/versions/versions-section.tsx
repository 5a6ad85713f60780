import type { VersionSummary } from "@accord/api-contract";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { SaveVersionForm } from "./save-version-form.js";
import { VersionEntry } from "./version-entry.js";

/** The props of the policy page's Versions section. */
export interface VersionsSectionProps {
  policyId: string;
  /** The person holds "version.save": they see the save form. */
  canSave: boolean;
  /** The person holds "draft.edit": they may restore a version into the draft. */
  canRestore: boolean;
}

/**
 * The policy page's Versions section: the form to save one, and the timeline, newest first. Saving or
 * restoring reloads the timeline; the live editor above follows a restore by itself, through Yjs.
 */
export function VersionsSection(props: VersionsSectionProps) {
  const [versions, reload] = useResource((signal) => api.listVersions(props.policyId, signal), [props.policyId]);
  return (
    <section class="versions" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
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
