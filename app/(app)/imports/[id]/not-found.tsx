import { StatusPage } from "@/components/ui/status-page";

export default function ImportNotFound() {
  return (
    <StatusPage status="404 · Import not found" title="There is no import with this ID" link={{ href: "/imports", label: "All imports" }}>
      The link may be mistyped. Pick the import from the list instead.
    </StatusPage>
  );
}
