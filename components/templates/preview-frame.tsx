"use client";

import { cn } from "@/components/ui/cn";

export type PreviewWidth = "desktop" | "mobile";

/** Widths at which email clients lay mail out: a desktop reading pane and a phone. */
export const previewWidths: Record<PreviewWidth, number> = { desktop: 680, mobile: 375 };

/**
 * The rendered email in an isolated frame: `srcdoc` with an empty `sandbox` (no scripts, no
 * same-origin access, no forms, no top navigation), so nothing in a template can reach Tailor.
 */
export function PreviewFrame({ html, width, stale }: { html: string; width: PreviewWidth; stale: boolean }) {
  return (
    <div className="flex justify-center overflow-x-auto rounded-lg bg-slate-100 p-3">
      <iframe
        title="Email preview"
        sandbox=""
        srcDoc={html}
        data-width={width}
        style={{ width: previewWidths[width] }}
        className={cn("h-[36rem] max-w-none shrink-0 rounded-md border border-slate-200 bg-white shadow-sm transition-opacity", stale && "opacity-60")}
      />
    </div>
  );
}

/** Desktop / Mobile toggle for the preview. */
export function WidthToggle({ value, onChange }: { value: PreviewWidth; onChange: (w: PreviewWidth) => void }) {
  return (
    <div role="group" aria-label="Preview width" className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300">
      {(["desktop", "mobile"] as const).map((w) => (
        <button
          key={w}
          type="button"
          aria-pressed={value === w}
          onClick={() => onChange(w)}
          className={cn(
            "px-3 py-1.5 text-xs font-semibold first:rounded-l-md last:rounded-r-md",
            value === w ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50",
          )}
        >
          {w === "desktop" ? `Desktop · ${previewWidths.desktop}px` : `Mobile · ${previewWidths.mobile}px`}
        </button>
      ))}
    </div>
  );
}
