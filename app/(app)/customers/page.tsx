import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { maskPersonalData } from "@/lib/auth/mask-personal-data";
import { requireRole } from "@/lib/auth/require-role.server";
import { listCustomers } from "@/lib/customers/list-customers";
import { customerListQuerySchema } from "@/lib/customers/schemas";
import { isAppError, type AppError } from "@/lib/errors";
import { firstValues, type RawSearchParams } from "@/lib/http/search-params";
import { getSettings } from "@/lib/settings/get-settings";
import { CustomerResults } from "./_components/customer-results";
import { CustomerSearch } from "./_components/customer-search";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requireRole("viewer");
  const query = customerListQuerySchema.parse(firstValues(await searchParams));
  const [settings, listed] = await Promise.all([getSettings(), listCustomers({ query }).catch(expectedError)]);
  return (
    <>
      <PageHeader title="Customers" description="Everyone Tailor knows, with their orders and revenue. Search by name, email or ID." />
      <CustomerSearch query={query} />
      <div className="mt-4">
        {isAppError(listed) ? (
          <Alert tone="warning" title="The list could not be shown this way">
            {listed.message}
          </Alert>
        ) : (
          <CustomerResults
            rows={listed.rows.map((r) => maskPersonalData(r, user.role))}
            page={listed.page}
            query={query}
            currency={settings.currency}
            timeZone={settings.timeZone}
          />
        )}
      </div>
    </>
  );
}

/** Expected errors (AppError) are shown on the page; anything else goes to the error boundary. */
function expectedError(e: unknown): AppError {
  if (isAppError(e)) return e;
  throw e;
}
