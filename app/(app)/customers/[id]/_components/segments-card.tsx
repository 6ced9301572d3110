import Link from "next/link";
import { formatDate } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { WhySegment } from "./why-segment";

interface Props {
  customerId: number;
  rfm: { code: string | null; segment: string | null } | null;
  memberships: { segmentId: string; name: string; enteredAt: Date }[];
  transitions: { id: string; kind: string; cause: string; at: Date; segmentId: string; name: string }[];
  segments: { id: string; name: string }[];
  timeZone: string;
}

const causeText: Record<string, string> = { rebuild: "segment built", change: "after an event or order", time: "as time passed" };

/** The segments a customer is in, their latest entries and exits, and why (not) in any segment. */
export function SegmentsCard({ customerId, rfm, memberships, transitions, segments, timeZone }: Props) {
  return (
    <Card>
      <CardHeader
        title="Segments"
        description={rfm?.code ? `RFM ${rfm.code} · ${rfm.segment}` : "No RFM score (no purchase yet, or features not built)."}
      />
      <CardBody className="space-y-4 text-sm">
        {memberships.length === 0 ? (
          <p className="text-slate-500">In no saved segment.</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {memberships.map((m) => (
              <li key={m.segmentId}>
                <Link href={`/segments/${m.segmentId}`} title={`Since ${formatDate(m.enteredAt, timeZone)}`}>
                  <Badge tone="info">{m.name}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {transitions.length > 0 ? (
          <div>
            <p className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Entries and exits</p>
            <ul className="space-y-1" data-testid="segment-transitions">
              {transitions.map((t) => (
                <li key={t.id} className="flex justify-between gap-2">
                  <span>
                    {t.kind === "enter" ? "Entered" : "Left"}{" "}
                    <Link className="text-indigo-700 hover:underline" href={`/segments/${t.segmentId}`}>
                      {t.name}
                    </Link>{" "}
                    <span className="text-slate-500">({causeText[t.cause] ?? t.cause})</span>
                  </span>
                  <span className="shrink-0 text-slate-500">{formatDate(t.at, timeZone)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {segments.length > 0 ? <WhySegment customerId={customerId} segments={segments} /> : null}
      </CardBody>
    </Card>
  );
}
