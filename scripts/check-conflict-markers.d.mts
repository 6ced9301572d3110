/** 1-based line numbers of conflict markers in a text. */
export function findConflictMarkers(text: string): number[];
/** "file:line: text" for every marker in the repository's files (binary files skipped). */
export function scanRepository(root: string): string[];
