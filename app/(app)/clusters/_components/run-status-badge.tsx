import { Badge } from "@/components/ui/badge";
import type { ClusterRunStatus } from "@/lib/clustering/runs/schemas";

const tones: Record<ClusterRunStatus, { label: string; tone: "neutral" | "info" | "success" | "danger" | "warning" }> = {
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Finished", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "warning" },
};

export function RunStatusBadge({ status }: { status: ClusterRunStatus }) {
  const t = tones[status];
  return <Badge tone={t.tone}>{t.label}</Badge>;
}
