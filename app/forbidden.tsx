import { StatusPage } from "@/components/ui/status-page";

/** 403 outside the app shell (inside it, app/(app)/forbidden.tsx renders). */
export default function Forbidden() {
  return (
    <StatusPage
      status="403 · Not allowed"
      title="Your role cannot open this page"
      link={{ href: "/", label: "Back to the dashboard" }}
      standalone
    >
      Ask an admin of this Tailor installation to change your role, or go back to the dashboard.
    </StatusPage>
  );
}
