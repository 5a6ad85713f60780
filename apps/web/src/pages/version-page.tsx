import type { PolicyDetail, VersionDetail } from "@accord/api-contract";
import { useRoute } from "preact-iso";
import { api } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { usePageTitle } from "../components/page-title.js";
import { useResource } from "../components/use-resource.js";
import { paths } from "../paths.js";
import { ChangeSize } from "../versions/change-size.js";
import { CompareForm } from "../versions/compare-form.js";
import { parseVersionNumber } from "../versions/compare-query.js";
import { ExportLinks } from "../versions/export-links.js";
import { RestoreVersionControl } from "../versions/restore-version-control.js";
import { formatVersionTime, versionAuthor, versionTitle } from "../versions/version-format.js";
import { holdsSuggestions } from "../versions/version-format.js";

/** The facts of one version, its content hash explained in place. */
function VersionFacts(props: { version: VersionDetail }) {
  const { version } = props;
  return (
    <dl class="facts">
      <dt>Version</dt>
      <dd>{version.number}</dd>
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

/** One loaded version: facts, downloads, restore, compare, and its read-only text. */
function VersionView(props: { policy: PolicyDetail; versionNumber: number }) {
  const { policy, versionNumber } = props;
  const [version] = useResource((signal) => api.getVersion(policy.id, versionNumber, signal), [policy.id, versionNumber]);
  const [versions] = useResource((signal) => api.listVersions(policy.id, signal), [policy.id]);

  return (
    <Loaded resource={version} what={`version ${versionNumber}`}>
      {(detail) => (
        <>
          <h1>{versionTitle(detail)}</h1>
          <VersionFacts version={detail} />
          <ExportLinks policyId={policy.id} versionNumber={detail.number} />
          {policy.myPermissions.includes("draft.edit") && <RestoreVersionControl policyId={policy.id} versionNumber={detail.number} />}
          <section aria-labelledby="compare-heading">
            <h2 id="compare-heading">Compare</h2>
            <Loaded resource={versions} what="the versions">
              {(list) => <CompareForm policyId={policy.id} versions={list} from={detail.number} to="draft" />}
            </Loaded>
          </section>
          <section aria-labelledby="version-text-heading">
            <h2 id="version-text-heading">Text of version {detail.number}</h2>
            {holdsSuggestions(detail.html) && (
              <p class="notice version-suggestions-note">
                This version still holds pending suggestions: suggested words are <ins>underlined</ins>, words suggested for removal are{" "}
                <del>struck through</del>. They are not accepted text, and a version holding them cannot be proposed for sign-off.
              </p>
            )}
            {/* Made by the server's escaping renderer from the stored document, never from HTML a person typed. */}
            <div class="draft-text version-text" dangerouslySetInnerHTML={{ __html: detail.html }} />
          </section>
        </>
      )}
    </Loaded>
  );
}

/** `/app/policies/:policyId/versions/:versionNumber`: one saved version, read-only. */
export function VersionPage() {
  const { params } = useRoute();
  const policyId = params["policyId"] ?? "";
  const versionNumber = parseVersionNumber(params["versionNumber"]);
  const [policy] = useResource((signal) => api.getPolicy(policyId, signal), [policyId]);
  usePageTitle(
    versionNumber === null
      ? "No such version"
      : policy.state === "ready"
        ? `Version ${versionNumber} of ${policy.data.title}`
        : `Version ${versionNumber}`,
  );

  return (
    <Loaded resource={policy} what="the policy">
      {(detail) => (
        <>
          <p class="breadcrumb">
            <a href={`${paths.policy(detail.id)}#versions`}>{detail.title}</a>
          </p>
          {versionNumber === null ? (
            <>
              <h1>No such version</h1>
              <p>Versions are numbered 1, 2, 3 and so on. Choose one from the policy’s timeline.</p>
            </>
          ) : (
            <VersionView policy={detail} versionNumber={versionNumber} />
          )}
        </>
      )}
    </Loaded>
  );
}
