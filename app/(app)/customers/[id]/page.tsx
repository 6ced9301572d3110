import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { formatDate, formatMoney, plural } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { maskForRole, maskIdentities, maskPersonalData } from "@/lib/auth/mask-personal-data";
import { requireRole } from "@/lib/auth/require-role.server";
import { hasRole } from "@/lib/auth/roles";
import { customerDisplayName } from "@/lib/customers/display-name";
import { getCustomer } from "@/lib/customers/get-customer";
import { getCustomerConsents } from "@/lib/customers/get-customer-consents";
import { getCustomerRevenue } from "@/lib/customers/get-customer-revenue";
import { listCustomerEvents } from "@/lib/customers/list-customer-events";
import { listCustomerOrders } from "@/lib/customers/list-customer-orders";
import { isAppError } from "@/lib/errors";
import { findMergeSurvivor } from "@/lib/identity/find-merge-survivor";
import { listCustomerMerges } from "@/lib/identity/list-customer-merges";
import { customerIdSchema, customerProfileQuerySchema } from "@/lib/customers/schemas";
import { notFoundOnAppError } from "@/lib/http/not-found.server";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { getSettings } from "@/lib/settings/get-settings";
import { AttributesCard } from "./_components/attributes-card";
import { ConsentCard } from "./_components/consent-card";
import { EventTimeline } from "./_components/event-timeline";
import { IdentitiesCard } from "./_components/identities-card";
import { MergesCard } from "./_components/merges-card";
import { OrdersCard } from "./_components/orders-card";
import { SegmentsCard } from "./_components/segments-card";
import { getCustomerScores } from "@/lib/scoring/customer-scores";
import { getCustomerSegmentContext, listCustomerSegments } from "@/lib/segments/list-customer-segments";
import { ScoresCard } from "./_components/scores-card";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> };

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params, searchParams }: Props) {
  const user = await requireRole("viewer");
  const id = customerIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const query = firstValues(await searchParams);
  const pages = customerProfileQuerySchema.parse(query);
  const found = await getCustomer({ id: id.data }).catch(async (e: unknown) => {
    // A profile merged into another: its old links lead to the survivor.
    const survivor = isAppError(e) && e.code === "not_found" ? await findMergeSurvivor({ customerId: id.data }) : null;
    if (survivor) redirect(`/customers/${survivor}?mergedFrom=${id.data}`);
    return notFoundOnAppError(e);
  });
  const mergedFrom = customerIdSchema.safeParse(query.mergedFrom).data;
  const customer = { ...maskPersonalData(found, user.role), identities: maskIdentities(found.identities, user.role) };
  const [settings, revenue, orders, events, consents, merges, segmentsOf, segmentContext, scores] = await Promise.all([
    getSettings(),
    getCustomerRevenue({ customerId: customer.id }),
    listCustomerOrders({ customerId: customer.id, page: pages.ordersPage }),
    listCustomerEvents({ customerId: customer.id, page: pages.eventsPage }),
    getCustomerConsents({ customerId: customer.id }),
    listCustomerMerges({ customerId: customer.id }),
    listCustomerSegments({ customerId: customer.id }),
    getCustomerSegmentContext({ customerId: customer.id }),
    found.erasedAt ? null : getCustomerScores(customer.id),
  ]);
  const { currency, timeZone } = settings;
  const name = customerDisplayName({
    ...customer,
    erasedAt: found.erasedAt,
    externalId: customer.identities.find((i) => i.type === "external_id")?.value,
  });
  const pageHref = (key: "ordersPage" | "eventsPage") => (p: number) => {
    const next = { ...pages, [key]: p };
    const qs = new URLSearchParams();
    if (next.ordersPage > 1) qs.set("ordersPage", String(next.ordersPage));
    if (next.eventsPage > 1) qs.set("eventsPage", String(next.eventsPage));
    return `/customers/${customer.id}${qs.size ? `?${qs}` : ""}#${key === "ordersPage" ? "orders" : "events"}`;
  };

  return (
    <>
      <PageHeader
        back={{ href: "/customers", label: "Customers" }}
        title={name}
        actions={
          user.role === "admin" && !found.erasedAt ? (
            <Link href={`/privacy/customers/${customer.id}`} className="text-sm font-medium text-indigo-600 hover:underline">
              Consent and privacy →
            </Link>
          ) : undefined
        }
        description={`Customer #${customer.id}${customer.email ? ` · ${customer.email}` : ""} · first seen ${formatDate(customer.firstSeenAt, timeZone)} · last seen ${formatDate(customer.lastSeenAt, timeZone)}`}
      />
      {found.erasedAt ? (
        <div className="mb-4" data-testid="erased-notice">
          <Alert tone="warning" title={`Erased on ${formatDate(found.erasedAt, timeZone)}`}>
            This person&apos;s personal data was erased at their request. Their orders stay as anonymous revenue; nothing may be sent to
            them or done with them, and there is nothing left to export, erase or record.
          </Alert>
        </div>
      ) : null}
      {mergedFrom && mergedFrom !== customer.id ? (
        <div className="mb-4" data-testid="merged-from">
          <Alert tone="info" title={`Customer #${mergedFrom} was merged into this profile`}>
            Its identifiers, events, orders and consent are here now; the Merges card says when and why, and an admin can undo it there.
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard label={`Net revenue (${currency})`} value={formatMoney(revenue.net, currency)} detail="Purchases minus cancellations" />
        <StatCard
          label="Purchases"
          value={formatMoney(revenue.purchases.total, currency)}
          detail={plural(revenue.purchases.count, "order")}
        />
        <StatCard
          label="Cancellations"
          value={formatMoney(revenue.cancellations.total, currency)}
          detail={plural(revenue.cancellations.count, "cancelled order")}
        />
        <StatCard
          label="Last seen"
          value={formatDate(customer.lastSeenAt, timeZone)}
          detail={`First seen ${formatDate(customer.firstSeenAt, timeZone)}`}
        />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <div className="min-w-0 space-y-6 xl:col-span-2">
          <OrdersCard orders={orders.orders} page={orders.page} hrefFor={pageHref("ordersPage")} timeZone={timeZone} />
          <EventTimeline events={events.events} page={events.page} hrefFor={pageHref("eventsPage")} timeZone={timeZone} />
        </div>
        <div className="min-w-0 space-y-6">
          {scores ? <ScoresCard scores={scores} currency={currency} timeZone={timeZone} /> : null}
          <SegmentsCard
            customerId={customer.id}
            rfm={segmentContext.rfm}
            memberships={segmentsOf.memberships}
            transitions={segmentsOf.transitions}
            segments={segmentContext.segments}
            timeZone={timeZone}
          />
          <AttributesCard customer={customer} timeZone={timeZone} />
          <IdentitiesCard identities={customer.identities} />
          {found.erasedAt ? null : <ConsentCard consents={consents} timeZone={timeZone} />}
          <MergesCard
            customerId={customer.id}
            data={maskForRole(merges, user.role)}
            canUndo={hasRole(user.role, "admin") && !found.erasedAt}
            timeZone={timeZone}
          />
        </div>
      </div>
    </>
  );
}
