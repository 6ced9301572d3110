import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/require-role.server";
import { getSettings } from "@/lib/settings/get-settings";
import { currencyName, currencyOptions, timeZoneOptions } from "@/lib/settings/intl";
import { countMachineIpRanges } from "@/lib/email-tracking/save-tracking-settings";
import { SettingsForm } from "./_components/settings-form";
import { TrackingSettingsForm } from "./_components/tracking-settings-form";
import { TestSendAddressesForm } from "./_components/test-send-addresses-form";
import { getTestSendAddresses } from "@/lib/sending/test-send-recipients";
import { builtInFlowLinkHosts, getFlowLinkDomains } from "@/lib/flows/link-domains";
import { FlowLinkDomainsForm } from "./_components/flow-link-domains-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireRole("admin");
  const [s, ranges, testAddresses, linkDomains] = await Promise.all([
    getSettings(),
    countMachineIpRanges(),
    getTestSendAddresses(),
    getFlowLinkDomains(),
  ]);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your organisation and how Tailor reads dates, money and phone numbers. Changes are audit-logged."
      />
      <Card className="max-w-3xl">
        <SettingsForm
          timeZones={timeZoneOptions()}
          currencies={currencyOptions().map((code) => ({ code, name: currencyName(code) ?? code }))}
          initial={{
            organisationName: s.organisationName,
            postalAddress: s.postalAddress,
            timeZone: s.timeZone,
            currency: s.currency,
            defaultPhoneRegion: s.defaultPhoneRegion,
            referenceDateMode: s.referenceDate ? "pinned" : "now",
            referenceDate: s.referenceDate ? s.referenceDate.toISOString().slice(0, 10) : "",
          }}
        />
      </Card>
      <Card className="mt-6 max-w-3xl">
        <TrackingSettingsForm attributionDays={s.attributionDays} ranges={ranges} />
      </Card>
      <Card className="mt-6 max-w-3xl">
        <TestSendAddressesForm addresses={testAddresses} />
      </Card>
      <Card className="mt-6 max-w-3xl">
        <FlowLinkDomainsForm domains={linkDomains} builtIn={builtInFlowLinkHosts(s)} />
      </Card>
    </>
  );
}
