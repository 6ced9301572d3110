import type { Calendar } from "./calendar";
import { CATEGORIES } from "./catalogue-data";
import { DAY_MS } from "./pg-text";

export interface DemoCampaign {
  /** "weekly-2024-05-02", "black-friday-2024". */
  key: string;
  sentAt: number;
  /** Where a click leads. */
  url: string;
}

const SHOP_URL = "https://shop.example";
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z]+/g, "-");

/** The shop's newsletters: every Thursday at 09:00 UTC, plus one on each Black Friday morning. */
export function buildCampaigns(calendar: Calendar): DemoCampaign[] {
  const campaigns: DemoCampaign[] = [];
  const endDay = calendar.endMs / DAY_MS;
  for (let day = calendar.startDay; day < endDay; day += 1) {
    const date = new Date(day * DAY_MS);
    const iso = date.toISOString().slice(0, 10);
    if (date.getUTCDay() === 4) {
      const category = CATEGORIES[campaigns.length % CATEGORIES.length]?.name ?? "";
      campaigns.push({ key: `weekly-${iso}`, sentAt: day * DAY_MS + 9 * 3_600_000, url: `${SHOP_URL}/collections/${slug(category)}` });
    }
    const thursdayBefore = new Date((day - 1) * DAY_MS);
    if (date.getUTCMonth() === 10 && date.getUTCDay() === 5 && thursdayBefore.getUTCDate() >= 22 && thursdayBefore.getUTCDate() <= 28) {
      campaigns.push({ key: `black-friday-${date.getUTCFullYear()}`, sentAt: day * DAY_MS + 6 * 3_600_000, url: `${SHOP_URL}/sale` });
    }
  }
  return campaigns;
}

/** The index of the first campaign sent at or after `ms` (campaigns are in time order). */
export function firstCampaignFrom(campaigns: readonly DemoCampaign[], ms: number): number {
  let lo = 0;
  let hi = campaigns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((campaigns[mid]?.sentAt ?? Infinity) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
