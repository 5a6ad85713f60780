import { useId } from "preact/hooks";
import { exportFormats, files } from "../paths.js";

/**
 * Download links for one version in each export format. The server answers them as attachments; the
 * `download` attribute also keeps the router and the browser from treating them as pages to open.
 */
export function ExportLinks(props: { policyId: string; versionNumber: number }) {
  const labelId = useId();
  return (
    <div class="export-links">
      <span id={labelId} class="export-links-label">
        Download
      </span>
      <ul aria-labelledby={labelId}>
        {exportFormats.map(([format, name]) => (
          <li key={format}>
            <a href={files.versionExport(props.policyId, props.versionNumber, format)} download>
              <span class="visually-hidden">Version {props.versionNumber} as </span>
              {name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
