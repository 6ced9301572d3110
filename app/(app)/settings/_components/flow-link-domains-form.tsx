"use client";

import { flowLinkDomainsSchema } from "@/lib/flows/link-domains-schema";
import { saveFlowLinkDomainsAction } from "../actions";
import { ListSettingForm } from "./list-setting-form";

/** Where product links and images taken from a shop's tracking calls may point in flow emails. */
export function FlowLinkDomainsForm({ domains, builtIn }: { domains: string[]; builtIn: string[] }) {
  return (
    <ListSettingForm
      title="Links in flow emails"
      description={`A flow email shows the cart's items from the shop's tracking calls. Their links and images are kept only when they point to ${builtIn.length ? builtIn.join(" or ") : "the sender's domain or Tailor's own address"} or to a domain below; otherwise the product catalogue's page and image are used, or none.`}
      label="Shop domains"
      name="domains"
      hint="One domain a line, e.g. your shop and its image CDN; a domain also allows its subdomains. Empty: the sender's domain and Tailor's address only."
      placeholder={"shop.example\ncdn.shop-images.example"}
      values={domains}
      savedMessage="Saved: flow emails may link to these domains and their subdomains."
      submitLabel="Save link domains"
      schema={flowLinkDomainsSchema}
      action={saveFlowLinkDomainsAction}
    />
  );
}
