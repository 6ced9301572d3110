import { StatusPage } from "@/components/ui/status-page";

export default function NotFound() {
  return (
    <StatusPage status="404" title="There is no page at this address" link={{ href: "/", label: "Go to the dashboard" }} standalone>
      Check the link for typos, or start again from the dashboard.
    </StatusPage>
  );
}
