import { ATTRIBUTE_PREFIX, type ClusterProfile } from "./schemas";

/** Above this many population standard deviations from the mean, a feature describes the cluster. */
const NOTABLE = 0.3;

type Words = { high: string; low: string };
const recency: Record<string, Words> = {
  recency_days: { high: "lapsed", low: "recent" },
  r_score: { high: "recent", low: "lapsed" },
};
const frequency: Record<string, Words> = {
  frequency: { high: "frequent", low: "occasional" },
  f_score: { high: "frequent", low: "occasional" },
  categories: { high: "wide-ranging", low: "single-category" },
  tenure_days: { high: "long-standing", low: "new" },
};
const spend: Record<string, Words> = {
  monetary: { high: "high spenders", low: "low spenders" },
  m_score: { high: "high spenders", low: "low spenders" },
  avg_order_value: { high: "big-basket buyers", low: "small-basket buyers" },
};
const engagement: Record<string, Words> = {
  opens_30: { high: "engaged", low: "unengaged" },
  opens_90: { high: "engaged", low: "unengaged" },
  clicks_30: { high: "engaged", low: "unengaged" },
  clicks_90: { high: "engaged", low: "unengaged" },
};

function pick(profile: ClusterProfile, table: Record<string, Words>): string | null {
  let best: { word: string; size: number } | null = null;
  for (const f of profile.features) {
    const words = table[f.key];
    if (!words || Math.abs(f.difference) < NOTABLE) continue;
    if (!best || Math.abs(f.difference) > best.size)
      best = { word: f.difference > 0 ? words.high : words.low, size: Math.abs(f.difference) };
  }
  return best?.word ?? null;
}

/**
 * A plain-language name per cluster from what stands out ("lapsed one-time buyers", "recent
 * frequent high spenders"); the user can rename them. Names are unique within a run.
 */
export function suggestClusterNames(profiles: ClusterProfile[]): string[] {
  const used = new Map<string, number>();
  return profiles.map((p) => {
    const freq = p.features.find((f) => f.key === "frequency");
    let often = pick(p, frequency);
    if (often === "occasional" && freq && freq.median <= 1) often = "one-time";
    const words = [pick(p, recency), pick(p, engagement), often].filter((w): w is string => !!w);
    let noun = pick(p, spend);
    if (!noun) {
      const attr = p.features
        .filter((f) => f.key.startsWith(ATTRIBUTE_PREFIX) && Math.abs(f.difference) >= NOTABLE)
        .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))[0];
      if (attr) words.push(`${attr.difference > 0 ? "high" : "low"} ${attr.key.slice(ATTRIBUTE_PREFIX.length)}`);
      noun = freq || p.features.some((f) => f.key in spend) ? "buyers" : "customers";
    }
    const base = words.length ? [...new Set(words)].join(" ") + " " + noun : `typical ${noun}`;
    const name = base.charAt(0).toUpperCase() + base.slice(1);
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}
