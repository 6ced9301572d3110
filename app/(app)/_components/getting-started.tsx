import { Card } from "@/components/ui/card";
import { Command, EmptyState } from "@/components/ui/empty-state";
import { DatabaseIcon } from "@/components/ui/icons";

/** The dashboard's empty state: how to get data into Tailor. */
export function GettingStarted() {
  return (
    <Card>
      <EmptyState title="No customers yet" icon={<DatabaseIcon className="size-10" />}>
        <p>Bring data in from a terminal in Tailor&apos;s folder, then reload this page.</p>
        <div className="space-y-2 text-left">
          <p className="font-medium text-slate-800">Import a CSV in the Online Retail format:</p>
          <Command>npm run tailor -- import online-retail path/to/online-retail.csv</Command>
          <p className="pt-2 font-medium text-slate-800">Or load generated demo data to explore:</p>
          <Command>npm run tailor -- demo</Command>
        </div>
        <p className="text-xs text-slate-500">
          For historical data such as the 2011 Online Retail set, pin the reference date in Settings.
        </p>
      </EmptyState>
    </Card>
  );
}
