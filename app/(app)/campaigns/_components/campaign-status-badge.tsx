import { Badge, type BadgeTone } from "@/components/ui/badge";

const tones: Record<string, BadgeTone> = {
  draft: "neutral",
  scheduled: "info",
  sending: "info",
  paused: "warning",
  finished: "success",
  cancelled: "neutral",
  failed: "danger",
};

const labels: Record<string, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  sending: "Sending",
  paused: "Paused",
  finished: "Sent",
  cancelled: "Cancelled",
  failed: "Failed",
};

export function CampaignStatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? "neutral"}>{labels[status] ?? status}</Badge>;
}
