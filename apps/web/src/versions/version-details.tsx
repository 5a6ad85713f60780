import type { VersionDetail } from "@accord/api-contract";
import type { Ref } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { api, ApiError } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { ChangeSize } from "./change-size.js";
import { parseVersionNumber } from "./compare-query.js";
import { ExportLinks } from "./export-links.js";
import { RestoreVersionControl } from "./restore-version-control.js";
import { formatVersionTime, holdsSuggestions, versionAuthor, versionTitle } from "./version-format.js";

/** The facts of one version, its content hash explained in place. */
function VersionFacts(props: { version: VersionDetail }) {
  const { version } = props;
  return (
    <dl class="facts">
      <dt>Label</dt>
      <dd>{version.label}</dd>
      {version.note && (
        <>
          <dt>Note</dt>
          <dd class="version-note">{version.note}</dd>
        </>
      )}
      <dt>Saved by</dt>
      <dd>{versionAuthor(version)}</dd>
      <dt>Saved</dt>
      <dd>
        <time dateTime={version.createdAt}>{formatVersionTime(version.createdAt)}</time>
      </dd>
      <dt>Change</dt>
      <dd>
        <ChangeSize wordsAdded={version.wordsAdded} wordsRemoved={version.wordsRemoved} /> since the previous version;{" "}
        {version.wordCount.toLocaleString("en")} words in all
      </dd>
      <dt>Content hash</dt>
      <dd>
        <code class="content-hash">{version.contentHash}</code>
        <details class="explainer">
          <summary>What is this?</summary>
          <p>
            The SHA-256 fingerprint of this version’s canonical text. Changing even one character gives a different fingerprint, so
            approvals bind to it: what the working group signs off and the approving bodies approve is exactly the text with this hash,
            whatever happens to the draft afterwards.
          </p>
        </details>
      </dd>
    </dl>
  );
}

/** The props of one version shown on the Versions tab. */
export interface VersionDetailsProps {
  policyId: string;
  /** The version as the address names it ("3"); anything that is not a version number is said to be none. */
  version: string;
  /** The person holds "draft.edit": they may restore this version into the draft. */
  canRestore: boolean;
  onRestored: () => void;
  /** Closes the version, back to the timeline alone. */
  onClose: () => void;
  /** The person chose it just now on the tab: the focus moves to it once it is shown. */
  takeFocus: boolean;
}

/** Why no version is shown: a number that names none, or something that is not a version number at all. */
function NoSuchVersion(props: { version: string; onClose: () => void; heading: Ref<HTMLHeadingElement> }) {
  const number = parseVersionNumber(props.version);
  return (
    <section class="version-details version-missing" aria-labelledby="version-details-heading">
      <h3 id="version-details-heading" tabIndex={-1} ref={props.heading}>
        {number === null ? "No such version" : `There is no version ${number}`}
      </h3>
      <p>
        {number === null
          ? `“${props.version}” is not a version number. Versions are numbered 1, 2, 3 and so on.`
          : `This policy has no version ${number}.`}{" "}
        Choose a version from the list below.
      </p>
      <button type="button" class="button-quiet" onClick={props.onClose}>
        Close
      </button>
    </section>
  );
}

/**
 * One version, opened on the Versions tab (by choosing it in the timeline, or by its address
 * `/app/policies/<id>/versions/<n>`): its facts and content hash, downloads, restore, a way to compare
 * it, and its read-only text.
 */
export function VersionDetails(props: VersionDetailsProps) {
  const number = parseVersionNumber(props.version);
  const [version] = useResource(
    (signal) => (number === null ? Promise.resolve(null) : api.getVersion(props.policyId, number, signal)),
    [props.policyId, number],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = version.state !== "loading";
  useEffect(() => {
    if (shown && props.takeFocus) heading.current?.focus();
  }, [shown]);
  if (number === null) return <NoSuchVersion version={props.version} onClose={props.onClose} heading={heading} />;
  if (version.state === "failed" && version.error instanceof ApiError && version.error.status === 404) {
    return <NoSuchVersion version={props.version} onClose={props.onClose} heading={heading} />;
  }
  return (
    <Loaded resource={version} what={`version ${number}`}>
      {(detail) =>
        detail && (
          <section class="version-details" aria-labelledby="version-details-heading">
            <div class="version-details-head">
              <h3 id="version-details-heading" tabIndex={-1} ref={heading}>
                {versionTitle(detail)}
              </h3>
              <button type="button" class="button-quiet" onClick={props.onClose}>
                Close<span class="visually-hidden"> version {detail.number}</span>
              </button>
            </div>
            <VersionFacts version={detail} />
            <ExportLinks policyId={props.policyId} versionNumber={detail.number} />
            <ul class="version-actions">
              <li>
                <a href={paths.compare(props.policyId, detail.number, "draft")}>Compare version {detail.number} with the draft</a>
              </li>
              {detail.number > 1 && (
                <li>
                  <a href={paths.compare(props.policyId, detail.number - 1, detail.number)}>Changes from version {detail.number - 1}</a>
                </li>
              )}
            </ul>
            {props.canRestore && (
              <RestoreVersionControl policyId={props.policyId} versionNumber={detail.number} onRestored={props.onRestored} />
            )}
            <h4>Text of version {detail.number}</h4>
            {holdsSuggestions(detail.html) && (
              <p class="notice version-suggestions-note">
                This version still holds pending suggestions: suggested words are <ins>underlined</ins>, words suggested for removal are{" "}
                <del>struck through</del>. They are not accepted text, and a version holding them cannot be proposed for sign-off.
              </p>
            )}
            {/* Made by the server's escaping renderer from the stored document, never from HTML a person typed. */}
            <div class="draft-text version-text" dangerouslySetInnerHTML={{ __html: detail.html }} />
          </section>
        )
      }
    </Loaded>
  );
}
