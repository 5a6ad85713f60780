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

/** The props of one version in the timeline. */
export interface VersionEntryProps {
  policyId: string;
  version: VersionSummary;
  /** This version is the one open on the tab. */
  open: boolean;
  /** Opens this version on the tab. */
  onOpen: () => void;
  canRestore: boolean;
  onRestored: () => void;
}

/** A plain click, which the page handles itself; with a modifier key or another button, the browser's (a new tab). */
function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
}

/** One version in the timeline: what it is, and what can be done with it. */
export function VersionEntry(props: VersionEntryProps) {
  const { policyId, version } = props;
  const hidden = <span class="visually-hidden"> version {version.number}</span>;
  return (
    <li class={`version-entry${props.open ? " version-entry-open" : ""}`} aria-current={props.open ? "true" : undefined}>
      <h3 class="version-entry-title">{versionTitle(version)}</h3>
      <VersionByline version={version} />
      {version.note && <p class="version-note">{version.note}</p>}
      <ul class="version-actions">
        <li>
          {/* A real link to the version's address (it can be copied or opened in a new tab); a plain click opens
              the version here, on the tab, without leaving the draft. Its propagation stops so that the
              router does not also take the click as a navigation. */}
          <a
            href={paths.version(policyId, version.number)}
            onClick={(event) => {
              if (!isPlainClick(event)) return;
              event.preventDefault();
              event.stopPropagation();
              props.onOpen();
            }}
          >
            View{hidden}
          </a>
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
