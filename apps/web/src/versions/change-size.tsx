import { describeChangeSize, formatChangeSize } from "./version-format.js";

/**
 * A version's size of change: "+120 / −8 words" on screen, "120 words added, 8 removed" to screen
 * readers, since the symbols alone read badly aloud.
 */
export function ChangeSize(props: { wordsAdded: number; wordsRemoved: number }) {
  return (
    <span class="change-size">
      <span aria-hidden="true">{formatChangeSize(props.wordsAdded, props.wordsRemoved)}</span>
      <span class="visually-hidden">{describeChangeSize(props.wordsAdded, props.wordsRemoved)}</span>
    </span>
  );
}
