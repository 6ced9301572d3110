import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Command, EmptyState } from "@/components/ui/empty-state";
import { DatabaseIcon } from "@/components/ui/icons";

/** The dashboard's empty state: how to get data into Tailor (the Imports page first, the demo shop to explore). */
export function GettingStarted({ canImport }: { canImport: boolean }) {
  return (
    <Card>
      <EmptyState title="No customers yet" icon={<DatabaseIcon className="size-10" />}>
        {canImport ? (
          <>
            <p>Import the customers, orders or events your current tools export (CSV, Shopify, Mailchimp, …).</p>
            <LinkButton href="/imports/new">Import a file</LinkButton>
          </>
        ) : (
          <p>Nothing has been imported yet. A marketer or an admin imports data on the Imports page.</p>
        )}
        <div className="space-y-2 text-left">
          <p className="pt-2 font-medium text-slate-800">Just exploring? Start with the demo shop</p>
          <p>A realistic shop of 20,000 customers with orders, events and consent. Whoever runs Tailor&apos;s server loads it with:</p>
          <Command>npm run tailor -- demo</Command>
        </div>
        <p className="text-xs text-slate-600">
          For historical data such as the 2011 Online Retail set, pin the reference date in Settings.
        </p>
      </EmptyState>
    </Card>
  );
}
