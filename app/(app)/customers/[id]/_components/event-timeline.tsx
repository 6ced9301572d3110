import { formatDateTime, plural } from "@/components/format";
import { Card, CardHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import type { CustomerEvent } from "@/lib/customers/list-customer-events";
import type { PageInfo } from "@/lib/http/pagination";

interface EventTimelineProps {
  events: CustomerEvent[];
  page: PageInfo;
  hrefFor: (page: number) => string;
  timeZone: string;
}

/** The customer's events, latest first, with their properties. */
export function EventTimeline({ events, page, hrefFor, timeZone }: EventTimelineProps) {
  return (
    <Card>
      <div id="events" className="scroll-mt-20">
        <CardHeader title="Activity" description={`${plural(page.total, "event")}, latest first.`} />
      </div>
      {events.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          No events yet. Events (page views, clicks, email activity) appear here as they are tracked or imported.
        </p>
      ) : (
        <ol className="relative px-5 py-4">
          {events.map((e) => (
            <li key={e.id} className="relative border-l border-slate-200 pb-5 pl-5 last:pb-0">
              <span className="absolute top-1.5 -left-[5px] size-2.5 rounded-full bg-indigo-500 ring-4 ring-white" />
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-medium text-slate-900">{humanize(e.type)}</span>
                <time className="text-xs text-slate-500" dateTime={new Date(e.occurredAt).toISOString()}>
                  {formatDateTime(e.occurredAt, timeZone)}
                </time>
                {e.source ? <span className="text-xs text-slate-600">via {e.source}</span> : null}
              </div>
              <Properties value={e.properties} />
            </li>
          ))}
        </ol>
      )}
      {page.pageCount > 1 ? (
        <div className="border-t border-slate-100">
          <Pagination {...page} hrefFor={hrefFor} noun="events" />
        </div>
      ) : null}
    </Card>
  );
}

function Properties({ value }: { value: unknown }) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>).slice(0, 8);
  if (entries.length === 0) return null;
  return (
    <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
      {entries.map(([k, v]) => (
        <div key={k} className="flex gap-1">
          <dt className="text-slate-600">{k}</dt>
          <dd className="max-w-64 truncate">{v === null || v === "" ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function humanize(type: string): string {
  const s = type.replace(/[_.]+/g, " ").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
