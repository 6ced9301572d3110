import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { requireRole } from "@/lib/auth/require-role.server";
import { getSettings } from "@/lib/settings/get-settings";

/** The signed-in part of Tailor: navigation and account menu around every page. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("viewer");
  const settings = await getSettings();
  return (
    <AppShell user={{ email: user.email, role: user.role }} organisationName={settings.organisationName}>
      {children}
    </AppShell>
  );
}
