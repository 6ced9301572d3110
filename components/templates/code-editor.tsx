"use client";

import { skipTypedClosers } from "./skip-typed-closers";
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type Completion } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { html } from "@codemirror/lang-html";
import { liquid } from "@codemirror/lang-liquid";
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField, type Text } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type DecorationSet,
} from "@codemirror/view";
import { useEffect, useRef } from "react";
import type { TemplateDiagnostic } from "@/lib/templates/types";

/** Marks whole lines that carry a diagnostic (background + data-diagnostic-line="N" for tests and styling). */
const setMarkedLines = StateEffect.define<{ line: number; severity: "error" | "warning" }[]>();
const markedLines = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setMarkedLines)) continue;
      const builder = new RangeSetBuilder<Decoration>();
      const seen = new Set<number>();
      for (const { line, severity } of [...effect.value].sort((a, b) => a.line - b.line)) {
        if (line < 1 || line > tr.state.doc.lines || seen.has(line)) continue;
        seen.add(line);
        const from = tr.state.doc.line(line).from;
        builder.add(
          from,
          from,
          Decoration.line({
            attributes: { class: `cm-diagnosticLine cm-diagnosticLine-${severity}`, "data-diagnostic-line": String(line) },
          }),
        );
      }
      next = builder.finish();
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  "&": { fontSize: "13px", height: "100%" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.55" },
  ".cm-content": { paddingBlock: "8px" },
  ".cm-gutters": { backgroundColor: "#f8fafc", borderRight: "1px solid #e2e8f0", color: "#5b6577" },
  ".cm-diagnosticLine-error": { backgroundColor: "#fff1f2" },
  ".cm-diagnosticLine-warning": { backgroundColor: "#fffbeb" },
  "&.cm-focused": { outline: "none" },
});

/** A diagnostic at a 1-based line and column, as a CodeMirror range (the rest of the line when no column). */
export function toEditorDiagnostic(doc: Text, d: TemplateDiagnostic): Diagnostic | null {
  if (d.line < 1) return null;
  const line = doc.line(Math.min(d.line, doc.lines));
  const from = d.column && d.column > 0 ? Math.min(line.from + d.column - 1, line.to) : line.from;
  const to = from < line.to ? line.to : Math.min(from + 1, doc.length);
  return { from, to: Math.max(from, to), severity: d.severity, source: d.source, message: d.message };
}

/**
 * CodeMirror 6 for MJML + Liquid: HTML highlighting with Liquid tags on top, the server's
 * diagnostics shown inline (underline, gutter marker, tooltip, line background), and completion of
 * the personalization variables of the previewed customer.
 */
export function CodeEditor({
  initialValue,
  onChange,
  diagnostics,
  variables,
  readOnly,
  label,
}: {
  initialValue: string;
  onChange: (value: string) => void;
  diagnostics: TemplateDiagnostic[];
  variables: { path: string; type: string }[];
  readOnly?: boolean;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const language = useRef(new Compartment());
  const editable = useRef(new Compartment());

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initialValue,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          lintGutter(),
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          skipTypedClosers,
          autocompletion(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
          language.current.of(liquid({ base: html({ selfClosingTags: true }) })),
          editable.current.of(EditorState.readOnly.of(Boolean(readOnly))),
          markedLines,
          theme,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The document is owned by CodeMirror after mounting; remount (key) to load another one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch({ effects: editable.current.reconfigure(EditorState.readOnly.of(Boolean(readOnly))) });
  }, [readOnly]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const completions: Completion[] = variables.map((x) => ({ label: x.path, type: "variable", detail: x.type }));
    v.dispatch({
      effects: language.current.reconfigure(
        liquid({
          base: html({ selfClosingTags: true }),
          variables: [...new Set(variables.map((x) => x.path.split(".")[0] ?? ""))]
            .filter(Boolean)
            .map((label) => ({ label, type: "variable" })),
          properties: (path) => {
            const prefix = `${path.join(".")}.`;
            return completions
              .filter((c) => c.label.startsWith(prefix) && !c.label.slice(prefix.length).includes("."))
              .map((c) => ({ ...c, label: c.label.slice(prefix.length) }));
          },
        }),
      ),
    });
  }, [variables]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc;
    const items = diagnostics.map((d) => toEditorDiagnostic(doc, d)).filter((d): d is Diagnostic => d !== null);
    v.dispatch(setDiagnostics(v.state, items));
    v.dispatch({ effects: setMarkedLines.of(diagnostics.map((d) => ({ line: d.line, severity: d.severity }))) });
  }, [diagnostics]);

  return (
    <div ref={host} className="h-full min-h-[28rem] overflow-hidden rounded-md ring-1 ring-slate-300" data-testid="template-code-editor" />
  );
}
