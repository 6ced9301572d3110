import { DEFAULT_DATABASE_URL } from "../lib/env";

export const USAGE = `Tailor command line

Usage: npm run tailor -- <command> [options]

Commands:
  import online-retail <file> [--dry-run]
                      Import the UCI Online Retail CSV (idempotent: importing the same
                      file again adds nothing). --dry-run only checks and counts.
  import shopify-customers|shopify-orders|mailchimp <file> [--dry-run]
                      Shopify's customer or order export; a Mailchimp audience export
                      (the ZIP, or one of its CSVs).
  import csv <file> --mapping <mapping.json> [--dry-run]
                      Any CSV of customers or orders, read through a column mapping:
                      {"target":"customers","columns":{"E-mail":"email","First":"first_name"}}
  import product-catalogue <file> [--dry-run]
                      Products by SKU: sku, name, category, price, url, image_url
                      (only sku is required; an empty cell keeps the stored value).
  import consent <file> [--dry-run]
                      Consent events: email (or customer_id), purpose, status,
                      occurred_at, and optionally ip, user_agent, wording.
  import suppressions <file> [--dry-run]
                      Addresses never to email: email, and optionally reason
                      (unsubscribed, hard_bounce, complaint, manual) and note.
  Import options: --encoding auto|utf-8|latin1   --date-order auto|iso|us|eu
  stats [--json]      What the database holds and the last import's report.
  demo [--customers N] [--seed S] [--force]
                      Load the generated demo data (default 20,000 customers, seed 42).
  features rebuild [--as-of DATE]
                      Recompute every customer's features and RFM scores as of the
                      reference date (Settings), or DATE (e.g. 2011-12-10).
  rfm [--json]        RFM scores per digit and named segment.
  segment count <rules.json> [--explain <customer id or email>]
                      Count a segment's rules; --explain shows, per condition, whether
                      that customer meets it and the deciding value.
  render <template.mjml> --customer <id or email> [--subject "…"] [--preheader "…"] [--text]
                      Print the email as that customer receives it (HTML, or --text the
                      plain text); subject and preheader go to stderr. Invalid MJML or
                      Liquid: the file, line and message, and exit code 1.
  campaign send --segment <id|name|rules.json> --template <id|file.mjml> [--subject TEXT]
                [--exclude <segment>]… [--dry-run] [--json]
                      Create and send a campaign; returns when every recipient's row is
                      final. Without a running worker it sends from this process.
                      --dry-run prints the audience funnel only.
  campaign status <id> [--json]
                      The send ledger's counts by state, rate and time to go.
  settings get [key] [--json] | settings set <key> <value>
                      Read or change a setting: organisation_name, postal_address,
                      time_zone, currency, default_phone_region, reference_date,
                      sender_email, sender_name, reply_to, frequency_cap (3/7d or off),
                      rate_limit_per_second, rate_limit_per_hour, smtp_pool_size.
  models train <clv|churn|propensity|recommendations|--all> [--cutoff DATE] [--calibration-end DATE] [--category NAME] [--json]
                      Train predictive models from what the database holds and score every
                      customer (personalization consent respected); prints the fitted
                      parameters and validation metrics (--json: one object). --category:
                      purchase propensity in that product category (each category keeps
                      its own model and scores).
  keys create --public|--secret [--origin URL] [--label TEXT]
                      Create a tracking API key and print it once (tk_pub_… for web
                      pages, only from the --origin URLs given, repeatable; tk_sec_… for
                      servers).
  keys list           Every key: id, kind, first characters, status, calls.
  keys revoke <id>    Refuse the key's calls from now on.
  help                This text.

Pending database migrations are applied before import, stats, demo and keys.
Changes are audit-logged with the actor "cli".
Environment: DATABASE_URL (default ${DEFAULT_DATABASE_URL}),
             REDIS_URL (default redis://127.0.0.1:6379),
             SMTP_URL (unset: the development Outbox on 127.0.0.1:OUTBOX_SMTP_PORT, default 2525).
`;
