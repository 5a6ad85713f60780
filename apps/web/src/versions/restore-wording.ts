import type { RestoreResult, VersionSummary } from "@accord/api-contract";

/** When the draft could not be checked: what a restore does anyway. */
export const restoreConsequenceUnknown = "If the draft has changes no version holds, they are saved as a new version first.";

/**
 * What restoring a version does to the draft as it is now, said before the person confirms: the server
 * saves a draft that no version holds as the next version first, so unsaved work is never lost.
 * `draftHash` is the content hash of the committed draft; `versions` the timeline.
 */
export function restoreConsequence(
  target: number,
  draftHash: string,
  versions: readonly Pick<VersionSummary, "number" | "contentHash">[],
): string {
  const targetVersion = versions.find((version) => version.number === target);
  if (targetVersion?.contentHash === draftHash) return `The draft already has exactly the text of version ${target}.`;
  const keeper = versions.find((version) => version.contentHash === draftHash);
  if (keeper) return `Nothing is unsaved: version ${keeper.number} holds the draft as it is now.`;
  const next = Math.max(0, ...versions.map((version) => version.number)) + 1;
  return `Your unsaved changes will be saved as version ${next} first, so you can go back to them.`;
}

/** What the person who restored is told once it is done. */
export function restoredMessage(result: RestoreResult): string {
  const saved = result.savedVersion
    ? ` Your unsaved changes were saved first as version ${result.savedVersion.number} (“${result.savedVersion.label}”).`
    : "";
  return `The draft now has the text of version ${result.restored}.${saved} Everyone editing it sees the change.`;
}

/** What everyone on the draft is told when someone restores a version. */
export function restoreNotice(event: { versionNumber: number; restoredBy: string; savedVersionNumber: number | null }): string {
  const saved = event.savedVersionNumber === null ? "" : ` The draft as it was is kept as version ${event.savedVersionNumber}.`;
  return `${event.restoredBy} restored version ${event.versionNumber}.${saved}`;
}
