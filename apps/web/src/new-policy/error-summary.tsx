/** A problem with an answer: the field's id (for the link) and what to do. */
export interface Problem {
  fieldId: string;
  message: string;
}

/**
 * GOV.UK's error summary: at the top of the step, announced at once, each problem a link to its field.
 * Shown only when there are problems.
 */
export function ErrorSummary(props: { problems: readonly Problem[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="error" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {props.problems.map((problem) => (
          <li key={problem.fieldId + problem.message}>
            <a href={`#${problem.fieldId}`}>{problem.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
