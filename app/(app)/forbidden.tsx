import { StatusPage } from "@/components/ui/status-page";

/** Shown when requireRole finds the user's role too low for the page. */
export default function Forbidden() {
  return (
    <StatusPage status="403 · Not allowed" title="Your role cannot open this page" link={{ href: "/", label: "Back to the dashboard" }}>
      This page needs a higher role than yours (admin &gt; marketer &gt; viewer). Ask an admin of this Tailor installation to change your
      role, or go back to the dashboard.
    </StatusPage>
  );
}
