import { compile } from "html-to-text";

/**
 * The plain-text version of an email's HTML (links as "text [url]", always, images left out, no
 * line wrapping so that Liquid tags are never split). Compiled once; also used on HTML that still holds
 * Liquid tags (the compile-once text template).
 */
export const htmlToText: (html: string) => string = compile({
  wordwrap: false,
  selectors: [
    { selector: "img", format: "skip" },
    // Every link shows its address, even when its text is the address: whether they are equal would
    // be decided on each recipient's values, which a text template derived once cannot do.
    { selector: "a", options: { hideLinkHrefIfSameAsText: false, linkBrackets: ["[", "]"] } },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "table", format: "block" },
    { selector: "tr", format: "block" },
    { selector: "td", format: "block" },
    { selector: "th", format: "block" },
    { selector: "div.tailor-preheader", format: "skip" },
  ],
});
