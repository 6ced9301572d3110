/**
 * Where the data subject export and erasure cover each table. A table with a `customer_id` column
 * is covered without being named: the export lists its rows under `other.<table>`, erasure deletes
 * them (lib/privacy/other-customer-tables.ts). Every other table must be listed here, either with
 * the part of the export that holds its rows and how erasure treats it, or as holding no data about
 * customers (with why). personal-data-tables.db.test.ts fails for a table listed in neither.
 */
export const personalDataTables: Record<string, { export: string; erasure: string }> = {
  customers: { export: "profile", erasure: "pseudonymized: names, addresses, attributes emptied; erased_at set" },
  identities: { export: "identities", erasure: "deleted" },
  orders: { export: "orders", erasure: "kept as anonymous revenue, country emptied" },
  order_lines: { export: "orders", erasure: "kept with the anonymous order (products, amounts)" },
  events: { export: "events", erasure: "properties and message ids emptied" },
  consent_records: { export: "consentHistory", erasure: "kept (when, what, source); proof redacted" },
  tracking_events: { export: "trackingCalls", erasure: "swept: payloads naming the person replaced, ids redacted" },
  customer_merges: { export: "merges", erasure: "swept: snapshots naming the person replaced, identifiers redacted" },
  audit_log: { export: "auditEntries", erasure: "entries about or naming the person keep their row, before/after redacted" },
  suppressions: { export: "suppressions", erasure: "the address removed, its HMAC kept (reason erased)" },
  import_rejections: { export: "rejectedRows", erasure: "rows naming the person redacted" },
  identity_flags: { export: "identityFlags", erasure: "swept: the identifier and detail redacted" },
  flow_run_steps: { export: "flowRunSteps", erasure: "deleted with the person's flow runs (cascade)" },
};

/** Tables without a customer_id that hold nothing about customers, and why. */
export const tablesWithoutCustomerData: Record<string, string> = {
  _prisma_migrations: "schema history",
  api_keys: "tracking API keys (hashes, labels)",
  api_key_usage: "call counts per key",
  campaign_chunks: "a campaign's send batches (counts, leases)",
  campaign_experiments: "a campaign's variants, split, metric and decision",
  campaign_experiment_allocations: "a bandit's shares per wave, as counts per variant",
  campaigns: "campaign definitions",
  cluster_runs: "clustering parameters and aggregate results",
  consent_purposes: "the purposes' wording",
  data_subject_requests: "a pseudonymous reference only (HMAC of the id), who asked and who carried it out",
  email_template_versions: "template sources",
  email_templates: "template names",
  event_rollup_keys: "which event properties are counted",
  flows: "flow definitions",
  flow_step_experiments: "a flow send step's variants, split, metric and decision",
  flow_step_experiment_allocations: "a flow bandit's shares over time, as counts per variant",
  identity_settings: "the resolver's rules and blocklist of junk values",
  import_jobs: "import runs (file names, counts, options)",
  import_mappings: "saved column mappings",
  machine_ip_ranges: "mail providers' and scanners' address ranges",
  model_runs: "model training runs (parameters, metrics)",
  products: "the product catalogue",
  segment_sizes: "daily member counts",
  segments: "segment rules",
  sending_accounts: "sending rate limits",
  settings: "the installation's settings",
  users: "Tailor's own users (staff), not customers",
};
