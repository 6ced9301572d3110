import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvRecordSplitter, usesLoneCr } from "./split-csv-records";

/** Splits `text` into chunks of `size` characters (every boundary is tried by the tests). */
function split(text: string, size: number): { fields: string[]; raw: string }[] {
  const splitter = new CsvRecordSplitter();
  const out: { fields: string[]; raw: string }[] = [];
  const on = (fields: string[], raw: string) => out.push({ fields, raw });
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size), on);
  splitter.end(on);
  return out;
}

/** What the Online Retail import read with csv-parse before: the reference (raw without the blank lines and line break around it). */
function reference(text: string): { fields: string[]; raw: string }[] {
  const records = parse(text, {
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as unknown as { record: string[]; raw: string }[];
  return records.map((r) => ({ fields: r.record, raw: r.raw.replace(/^[\r\n]+|[\r\n]+$/g, "") }));
}

const samples: Record<string, string> = {
  plain: "a,b,c\n1,2,3\n4,5,6\n",
  "no final line break": "a,b\n1,2",
  crlf: "a,b\r\n1,2\r\n3,4\r\n",
  bom: "\uFEFFa,b\n1,2\n",
  "blank lines": "a,b\n\n1,2\n\n\n3,4\n",
  "empty fields": "a,b,c\n,,\n1,,\n,,3,\n",
  quoted: 'a,b\n"x, y","say ""hi"""\n"",""\n',
  "quoted newline": 'a,b\n"line 1\nline 2",2\n"two\n\nlines",3\n',
  "quoted newline, CRLF": 'a,b\r\n"line 1\nline 2",2\r\n"crlf\r\ninside",3\r\n',
  "quote inside an unquoted field": 'a,b\nPRODUCT "DESCRIPTION",2\nab"c,d"\n',
  "closing quote followed by text": 'a,b\n"abc"def,2\n"x"y"z",3\n',
  "different field counts": "a,b,c\n1,2\n1,2,3,4\n",
  unicode: "name,city\nZoë,Zürich\n😀,東京\n",
};

describe("CsvRecordSplitter", () => {
  for (const [name, text] of Object.entries(samples)) {
    it(`reads ${name} like csv-parse, however the text is chunked`, () => {
      const expected = reference(text);
      for (const size of [1, 2, 3, 5, 7, text.length]) expect(split(text, size)).toEqual(expected);
    });
  }

  it("fails with the line number on a quoted field that is never closed", () => {
    expect(() => split('a,b\n1,2\n"open,3\n', 4)).toThrow(/near line 3: a quoted field is not closed/);
  });

  it("recognises files whose lines end with a lone CR", () => {
    expect(usesLoneCr("a,b\r1,2\r")).toBe(true);
    expect(usesLoneCr("a,b\r\n1,2\r\n")).toBe(false);
    expect(usesLoneCr("a,b\n1,2\r")).toBe(false);
  });
});
