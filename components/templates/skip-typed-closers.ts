import { EditorSelection, Prec } from "@codemirror/state";
import { EditorView } from "@codemirror/view";

/**
 * The editor inserts closers as you type (`{%` gets its ` %}`, `<mj-text>` its `</mj-text>`). When the
 * user then types the closer themselves, type over the one already there instead of adding a second:
 * `%` or `}` before an existing `%}`, and `</name>` before an existing `</name>`.
 */
export const skipTypedClosers = Prec.highest(
  EditorView.inputHandler.of((view, from, to, text) => {
    if (from !== to || view.state.selection.ranges.length !== 1) return false;
    const doc = view.state.doc;
    const after = doc.sliceString(from, from + 200);
    const move = (cursor: number, changes?: { from: number; to: number; insert?: string }) => {
      view.dispatch({ changes, selection: EditorSelection.cursor(cursor), scrollIntoView: true, userEvent: "input.type" });
      return true;
    };
    if (text === "%" && after.startsWith("%}")) return move(from + 1);
    if (text === "}" && after.startsWith("}") && doc.sliceString(from - 1, from) === "%") return move(from + 1);
    if (text === ">") {
      const line = doc.lineAt(from);
      const typed = /<\/([A-Za-z][\w-]*)$/.exec(doc.sliceString(line.from, from));
      if (typed && after.startsWith(`</${typed[1]}>`)) {
        // Drop what was typed of the closing tag and step over the one already there.
        const start = from - typed[0].length;
        return move(start + typed[0].length + 1, { from: start, to: from });
      }
    }
    return false;
  }),
);
