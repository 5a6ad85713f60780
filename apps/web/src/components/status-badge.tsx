import type { PolicyStatus } from "@accord/domain";
import { statusLabels } from "../labels.js";

/** A policy's workflow status as a readable label; the colour only repeats what the words say. */
export function StatusBadge(props: { status: PolicyStatus }) {
  return (
    <span class={`status status-${props.status}`}>
      <span class="visually-hidden">Status: </span>
      {statusLabels[props.status] ?? props.status}
    </span>
  );
}
