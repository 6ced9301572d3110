import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findConflictMarkers, scanRepository } from "./check-conflict-markers.mjs";

// Built from pieces so that this file holds no marker itself.
const ours = "<".repeat(7);
const sep = "=".repeat(7);
const base = "|".repeat(7);
const theirs = ">".repeat(7);

describe("findConflictMarkers", () => {
  it("finds git's markers, with and without a label", () => {
    const text = ["a", `${ours} HEAD`, "b", `${base} merged common ancestors`, "c", sep, "d", `${theirs} feature`, "e"].join("\n");
    expect(findConflictMarkers(text)).toEqual([2, 4, 6, 8]);
    expect(findConflictMarkers(`${ours}\n${sep}\n${theirs}\n`)).toEqual([1, 2, 3]);
  });

  it("finds Prettier's rewrite of the closing marker in Markdown", () => {
    expect(findConflictMarkers("text\n\n> > > > > > > issue-7ui\n")).toEqual([3]);
  });

  it("leaves ordinary text alone: quotes, rules, longer runs, markers inside a line", () => {
    const text = ["> a quote", "> > nested", "========", "Title", "=====", `x ${ours} y`, "<<<<<<<<", "=======x"].join("\r\n");
    expect(findConflictMarkers(text)).toEqual([]);
  });
});

describe("scanRepository", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("reports tracked and new files with their line, skips ignored and binary files", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tailor-markers-"));
    execFileSync("git", ["init", "-q"], { cwd: dir });
    fs.writeFileSync(path.join(dir, ".gitignore"), "ignored.txt\n");
    fs.writeFileSync(path.join(dir, "clean.md"), "# Fine\n");
    fs.writeFileSync(path.join(dir, "tracked.ts"), `const a = 1;\n${ours} HEAD\nconst b = 2;\n`);
    execFileSync("git", ["add", "."], { cwd: dir });
    fs.writeFileSync(path.join(dir, "new.md"), `one\n${theirs} branch\n`);
    fs.writeFileSync(path.join(dir, "ignored.txt"), `${ours}\n`);
    fs.writeFileSync(path.join(dir, "image.bin"), Buffer.concat([Buffer.from(`${ours}\n`), Buffer.from([0, 1, 2])]));
    expect(scanRepository(dir).sort()).toEqual(["new.md:2: " + `${theirs} branch`, "tracked.ts:2: " + `${ours} HEAD`]);
  });
});
