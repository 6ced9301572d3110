"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

export type PreviewWidth = "desktop" | "mobile";

/** Widths at which email clients lay mail out: a desktop reading pane and a phone. */
export const previewWidths: Record<PreviewWidth, number> = { desktop: 680, mobile: 375 };

/** How tall the preview is on screen (the email scrolls inside). */
const visibleHeight = 576;

/**
 * The rendered email in an isolated frame: `srcdoc` with an empty `sandbox` (no scripts, no
 * same-origin access, no forms, no top navigation), so nothing in a template can reach Tailor.
 * The frame always lays the email out at the chosen width; when the column is narrower, it is
 * scaled down to fit (and says so) instead of reflowing at a width no client uses.
 */
export function PreviewFrame({ html, width, stale }: { html: string; width: PreviewWidth; stale: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState<number | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setAvailable(entry ? entry.contentRect.width : null));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const px = previewWidths[width];
  const scale = available ? Math.min(1, available / px) : 1;
  return (
    <div className="rounded-lg bg-slate-100 p-3">
      <div ref={box} className="relative w-full overflow-hidden" style={{ height: visibleHeight }}>
        <iframe
          title="Email preview"
          sandbox=""
          srcDoc={html}
          data-width={width}
          style={{
            width: px,
            height: visibleHeight / scale,
            transform: scale < 1 ? `scale(${scale})` : undefined,
            transformOrigin: "top left",
            left: available ? Math.max(0, (available - px * scale) / 2) : 0,
          }}
          className={cn(
            "absolute top-0 max-w-none rounded-md border border-slate-200 bg-white shadow-sm transition-opacity",
            stale && "opacity-60",
          )}
        />
      </div>
      {scale < 1 ? (
        <p className="mt-2 text-center text-xs text-slate-500">
          Shown at {Math.round(scale * 100)}% to fit this column; the email is laid out {px}px wide.
        </p>
      ) : null}
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
