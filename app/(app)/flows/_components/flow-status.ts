import type { BadgeTone } from "@/components/ui/badge";

export function flowStatusTone(status: string): BadgeTone {
  return status === "active" ? "success" : status === "paused" ? "warning" : "neutral";
}
