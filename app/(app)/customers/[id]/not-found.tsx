import { StatusPage } from "@/components/ui/status-page";

export default function CustomerNotFound() {
  return (
    <StatusPage
      status="404 · Customer not found"
      title="There is no customer with this ID"
      link={{ href: "/customers", label: "Search customers" }}
    >
      The link may be mistyped, or the customer was merged into another profile or erased. Search for them by name, email or ID instead.
    </StatusPage>
  );
}
