import type { VersionSummary } from "@accord/api-contract";
import { paths } from "../paths.js";
import { ChangeSize } from "./change-size.js";
import { ExportLinks } from "./export-links.js";
import { RestoreVersionControl } from "./restore-version-control.js";
import { formatVersionTime, versionAuthor, versionTitle } from "./version-format.js";

/** Who saved a version, when, and how much it changed; shared by the timeline and the version page. */
export function VersionByline(props: { version: VersionSummary }) {
  const { version } = props;
  // The separators are hidden from screen readers, which would read each one aloud as "dot".
  return (
    <p class="version-byline">
      <span>{versionAuthor(version)}</span>
      <span aria-hidden="true"> · </span>
      <time dateTime={version.createdAt}>{formatVersionTime(version.createdAt)}</time>
      <span aria-hidden="true"> · </span>
      <ChangeSize wordsAdded={version.wordsAdded} wordsRemoved={version.wordsRemoved} />
    </p>
  );
}

/** One version in the timeline: what it is, and what can be done with it. */
export function VersionEntry(props: { policyId: string; version: VersionSummary; canRestore: boolean; onRestored: () => void }) {
  const { policyId, version } = props;
  const hidden = <span class="visually-hidden"> version {version.number}</span>;
  return (
    <li class="version-entry">
      <h3 class="version-entry-title">{versionTitle(version)}</h3>
      <VersionByline version={version} />
      {version.note && <p class="version-note">{version.note}</p>}
      <ul class="version-actions">
        <li>
          <a href={paths.version(policyId, version.number)}>View{hidden}</a>
        </li>
        <li>
          <a href={paths.compare(policyId, version.number, "draft")}>Compare{hidden} with draft</a>
        </li>
      </ul>
      <ExportLinks policyId={policyId} versionNumber={version.number} />
      {props.canRestore && <RestoreVersionControl policyId={policyId} versionNumber={version.number} onRestored={props.onRestored} />}
    </li>
  );
}
