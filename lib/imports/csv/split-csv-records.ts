import { AppError } from "../../errors";

/** Called once per record: its fields and the record's text as it was in the file (without the line break). */
export type OnCsvRecord = (fields: string[], raw: string) => void;

const COMMA = 44,
  QUOTE = 34,
  LF = 10,
  CR = 13;

/**
 * A comma-separated reader for big files, much faster than csv-parse because it allocates only the
 * fields: records end at LF or CRLF; a field starting with a quote is quoted (doubled quotes, commas
 * and line breaks inside); a quote inside an unquoted field is kept as it is; blank lines are skipped.
 * What csv-parse does with `relax_quotes` for a quoted field whose closing quote is followed by
 * something else is mirrored (the quote is kept at the start of the field and the rest read as
 * unquoted). Files whose lines end with a lone CR are not for this reader (see `usesLoneCr`).
 *
 * Feed it text with `push`, then call `end`: records spanning two chunks are carried over.
 */
export class CsvRecordSplitter {
  private carry = "";
  private started = false;
  /** Lines consumed so far (for error messages). */
  private lines = 0;

  push(text: string, onRecord: OnCsvRecord): void {
    this.scan(text, false, onRecord);
  }

  end(onRecord: OnCsvRecord): void {
    this.scan("", true, onRecord);
  }

  private scan(text: string, final: boolean, onRecord: OnCsvRecord): void {
    let s = this.carry.length > 0 ? this.carry + text : text;
    if (!this.started && s.length > 0) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      this.started = true;
    }
    const n = s.length;
    let start = 0;
    // One record per iteration; `break` when the rest is incomplete and more text will come.
    records: while (start < n) {
      const fields: string[] = [];
      let i = start;
      let newlines = 0;
      for (;;) {
        // At the start of a field.
        let value: string;
        if (i < n && s.charCodeAt(i) === QUOTE) {
          value = "";
          let from = i + 1;
          for (;;) {
            const q = s.indexOf('"', from);
            if (q === -1) {
              if (!final) break records;
              throw new AppError(
                "unprocessable",
                `The file could not be read as CSV near line ${this.lines + 1}: a quoted field is not closed.`,
              );
            }
            const next = q + 1 < n ? s.charCodeAt(q + 1) : -1;
            if (next === -1 && !final) break records;
            value += s.slice(from, q);
            if (next === QUOTE) {
              value += '"';
              from = q + 2;
              continue;
            }
            i = q + 1;
            if (next === COMMA || next === LF || next === -1 || (next === CR && (q + 2 >= n ? final : s.charCodeAt(q + 2) === LF))) break;
            if (next === CR && q + 2 >= n) break records;
            // csv-parse's relax_quotes: the quote opens the field's text, what follows is unquoted.
            value = '"' + value + '"';
            const end = this.unquotedEnd(s, i, final);
            if (end === -1 && !final) break records;
            value += s.slice(i, end === -1 ? n : end);
            i = end === -1 ? n : end;
            break;
          }
          for (let k = value.indexOf("\n"); k !== -1; k = value.indexOf("\n", k + 1)) newlines++;
        } else {
          const end = this.unquotedEnd(s, i, final);
          if (end === -1 && !final) break records;
          const stop = end === -1 ? n : end;
          value = s.slice(i, stop);
          i = stop;
        }
        fields.push(value);
        const c = i < n ? s.charCodeAt(i) : -1;
        if (c === COMMA) {
          i++;
          continue;
        }
        // End of record: LF, CRLF or the end of the text (final only).
        const rawEnd = i;
        if (c === CR) i++;
        if (i < n && s.charCodeAt(i) === LF) i++;
        this.lines += newlines + 1;
        if (!(fields.length === 1 && fields[0] === "" && rawEnd === start)) onRecord(fields, s.slice(start, rawEnd));
        start = i;
        break;
      }
    }
    this.carry = start < n ? s.slice(start) : "";
    if (final && this.carry.length > 0) throw new Error("unreachable: text left after the last record");
  }

  /** Index of the comma or line break (LF, CR before LF, a last CR) ending an unquoted field; -1 when not in `s`. */
  private unquotedEnd(s: string, from: number, final: boolean): number {
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === COMMA || c === LF) return i;
      if (c === CR) {
        if (i + 1 >= s.length) return final ? i : -1;
        if (s.charCodeAt(i + 1) === LF) return i;
      }
    }
    return -1;
  }
}

/** True when the text's first line break is a CR without LF (old Mac files): read those with csv-parse. */
export function usesLoneCr(sample: string): boolean {
  const m = /[\r\n]/.exec(sample);
  return m !== null && m[0] === "\r" && m.index + 1 < sample.length && sample[m.index + 1] !== "\n";
}
