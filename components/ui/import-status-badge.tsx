import type { ImportStatus } from "@/lib/imports/schemas";
import { Badge, type BadgeTone } from "./badge";

const tone: Record<ImportStatus, BadgeTone> = {
  queued: "neutral",
  running: "info",
  succeeded: "success",
  failed: "danger",
  cancelled: "warning",
};

const label: Record<ImportStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function ImportStatusBadge({ status, dryRun }: { status: ImportStatus; dryRun?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <Badge tone={tone[status]}>{label[status]}</Badge>
      {dryRun ? <Badge>Dry run</Badge> : null}
    </span>
  );
}
