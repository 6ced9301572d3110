import type { RuleNode } from "./schemas";

/**
 * A group holding no condition at any depth (one just added in the builder). Inside a tree it is
 * ignored, neither "everyone" nor "no one", until it has a condition; an empty root matches everyone.
 */
export function isEmptyGroup(node: RuleNode): boolean {
  return node.type === "group" && node.children.every(isEmptyGroup);
}
