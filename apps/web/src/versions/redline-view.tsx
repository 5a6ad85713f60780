import { api, type CompareSide } from "../api.js";
import { Loaded } from "../components/feedback.js";
import { useResource } from "../components/use-resource.js";
import { files } from "../paths.js";

/**
 * The redline between two sides: a key to the marks, a link to the printable standalone page, and the
 * server's fragment, which opens with the summary (the one-line summaryText, the list of changed
 * sections and the counts) and goes on with the text, changes marked. A side that is the live draft is
 * a snapshot of the moment it was asked for, so "Compare again" fetches it anew while others type.
 */
export function RedlineView(props: { policyId: string; from: CompareSide; to: CompareSide }) {
  const { policyId, from, to } = props;
  const [redline, reload] = useResource((signal) => api.getRedline(policyId, from, to, signal), [policyId, from, to]);
  const involvesDraft = from === "draft" || to === "draft";

  return (
    <Loaded resource={redline} what="the changes">
      {(result) => (
        <section class="redline-result" aria-labelledby="changes-heading">
          <h2 id="changes-heading">
            Changes from {result.from} to {result.to}
          </h2>
          <p class="redline-legend">
            Key: <ins>added words are underlined</ins>, <del>removed words are struck through</del>, and moved sections are labelled with
            where they came from.
          </p>
          <div class="row-actions">
            <a class="button-link" href={files.printableRedline(policyId, from, to)} target="_blank" rel="noopener">
              Printable redline<span class="visually-hidden"> (opens in a new tab)</span>
            </a>
            {involvesDraft && (
              <button type="button" class="button-quiet" onClick={reload}>
                Compare again with the latest draft
              </button>
            )}
          </div>
          {/* The server's own escaping renderer made this fragment from the documents' text; it holds no
              person-typed HTML, so inserting it as HTML is safe. Its summary is part of it, so it is not
              repeated from result.summaryText here. */}
          <div class="redline draft-text" dangerouslySetInnerHTML={{ __html: result.html }} />
        </section>
      )}
    </Loaded>
  );
}
