/**
 * A change kind for profiles merged or un-merged: anything about them may have changed (events,
 * orders, attributes, consent moved between them), so their features are refreshed and every
 * segment re-evaluates them.
 */
export const MERGED_CHANGE = "merged";
