import { useEffect, useRef } from "preact/hooks";

/** A problem with an answer: the field's id (for the link) and what to do. */
export interface Problem {
  fieldId: string;
  message: string;
}

/**
 * GOV.UK's error summary: at the top of the step, announced at once, each problem a link to its field.
 * Shown only when there are problems. It takes the focus when it appears or its problems change, and each
 * link moves the focus to its field (an in-page link alone scrolls, but leaves the focus behind).
 */
export function ErrorSummary(props: { problems: readonly Problem[] }) {
  const summary = useRef<HTMLDivElement>(null);
  const key = props.problems.map((problem) => `${problem.fieldId}:${problem.message}`).join("\n");
  useEffect(() => {
    if (key) summary.current?.focus();
  }, [key]);
  if (props.problems.length === 0) return null;
  return (
    <div class="error error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={summary}>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {props.problems.map((problem) => (
          <li key={problem.fieldId + problem.message}>
            <a
              href={`#${problem.fieldId}`}
              onClick={(event) => {
                const field = document.getElementById(problem.fieldId);
                if (!field) return;
                event.preventDefault();
                field.scrollIntoView({ block: "center" });
                field.focus();
              }}
            >
              {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
