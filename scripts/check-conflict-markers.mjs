// Fails when a tracked (or new, not ignored) file still holds git merge-conflict markers: a line
// starting with seven <, =, | or > (git's own markers), or Prettier's rewrite of a ">>>>>>>" line in
// Markdown as a nested quote ("> > > > > > > branch"). Run by `npm test` before formatting and lint.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARKER = /^(?:<{7}(?: |$)|={7}$|\|{7}(?: |$)|>{7}(?: |$)|(?:> ){6}>(?: |$))/;

/** 1-based line numbers of conflict markers in a text. */
export function findConflictMarkers(text) {
  const lines = text.split(/\r?\n/);
  const found = [];
  for (let i = 0; i < lines.length; i++) if (MARKER.test(lines[i])) found.push(i + 1);
  return found;
}

/** "file:line: text" for every marker in the repository's files (binary files skipped). */
export function scanRepository(root) {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
    .split("\0")
    .filter(Boolean);
  const problems = [];
  for (const file of files) {
    const full = path.join(root, file);
    let buffer;
    try {
      buffer = fs.readFileSync(full);
    } catch {
      continue; // deleted in the working tree
    }
    if (buffer.includes(0)) continue; // binary
    const text = buffer.toString("utf8");
    const lines = text.split(/\r?\n/);
    for (const n of findConflictMarkers(text)) problems.push(`${file}:${n}: ${lines[n - 1]}`);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(import.meta.dirname, "..");
  const problems = scanRepository(root);
  if (problems.length) {
    console.error(`Merge-conflict markers left in ${problems.length} line(s); resolve them:\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log("No merge-conflict markers.");
}
