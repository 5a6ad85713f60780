import { affiliationColors, facilitatorColor, type Affiliation } from "@accord/domain";
import type { ComponentChildren } from "preact";
import { PolicyEditor, type PolicyEditorProps } from "../editor/policy-editor.js";
import { useAccount } from "../session.js";

/**
 * The policy's draft on its page: the live, shared editor over /collab/<policyId>. People who may edit
 * type into it, people who may suggest type suggestions; everyone else who may read the policy watches
 * it change live.
 */
export function PolicyDraftView(props: {
  policyId: string;
  canEdit: boolean;
  /** Holds "draft.suggest": a commenter's changes become suggestions. */
  canSuggest?: boolean;
  /** Holds "comment.create" and "comment.hide" (see the permission table). */
  canComment?: boolean;
  canHideComments?: boolean;
  myAffiliation: Affiliation | null;
  /** The page's compact header (title, stage), shown with who is here and the saved state. */
  heading?: ComponentChildren;
  /** The side panel beside the draft, given the suggestions panel to place in it. */
  side?: PolicyEditorProps["side"];
}) {
  const account = useAccount();
  // The same name and colour the server puts into my awareness state, for my own line in the presence list.
  const me = {
    userId: account.id,
    name: account.displayName,
    affiliation: props.myAffiliation,
    color: props.myAffiliation ? affiliationColors[props.myAffiliation] : facilitatorColor,
  };
  return (
    <PolicyEditor
      policyId={props.policyId}
      canEdit={props.canEdit}
      canSuggest={props.canSuggest ?? false}
      canComment={props.canComment ?? false}
      canHideComments={props.canHideComments ?? false}
      me={me}
      heading={props.heading}
      side={props.side}
    />
  );
}
