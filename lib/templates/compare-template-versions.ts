import { diffLines } from "diff";
import { AppError } from "../errors";
import { getTemplateVersion } from "./get-template";

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
  /** Line in the older (a) and newer (b) version; null where the line does not exist there. */
  aLine: number | null;
  bLine: number | null;
}

export interface VersionComparison {
  a: { id: string; number: number };
  b: { id: string; number: number };
  subject: { a: string; b: string; changed: boolean };
  preheader: { a: string; b: string; changed: boolean };
  /** The MJML bodies, line by line. */
  lines: DiffLine[];
  added: number;
  removed: number;
}

/** A line diff of two versions of the same template (subject and preheader compared whole). */
export async function compareTemplateVersions(aId: string, bId: string): Promise<VersionComparison> {
  const [a, b] = await Promise.all([getTemplateVersion(aId), getTemplateVersion(bId)]);
  if (a.templateId !== b.templateId)
    throw new AppError("bad_request", "These versions belong to different templates: compare versions of one template.");
  const lines: DiffLine[] = [];
  let aLine = 1;
  let bLine = 1;
  for (const part of diffLines(a.mjml, b.mjml)) {
    const texts = part.value.replace(/\n$/, "").split("\n");
    for (const text of texts) {
      if (part.added) lines.push({ kind: "added", text, aLine: null, bLine: bLine++ });
      else if (part.removed) lines.push({ kind: "removed", text, aLine: aLine++, bLine: null });
      else lines.push({ kind: "same", text, aLine: aLine++, bLine: bLine++ });
    }
  }
  return {
    a: { id: a.id, number: a.number },
    b: { id: b.id, number: b.number },
    subject: { a: a.subject, b: b.subject, changed: a.subject !== b.subject },
    preheader: { a: a.preheader, b: b.preheader, changed: a.preheader !== b.preheader },
    lines,
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
  };
}
