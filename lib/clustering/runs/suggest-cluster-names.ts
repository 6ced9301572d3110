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
/** The same, as adjectives before "customers" (a group where some never purchased is not "spenders"). */
const spendAdjectives: Record<string, Words> = {
  monetary: { high: "high-spending", low: "low-spending" },
  m_score: { high: "high-spending", low: "low-spending" },
  avg_order_value: { high: "big-basket", low: "small-basket" },
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

function attributeWord(p: ClusterProfile): string | null {
  const attr = p.features
    .filter((f) => f.key.startsWith(ATTRIBUTE_PREFIX) && Math.abs(f.difference) >= NOTABLE)
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))[0];
  return attr ? `${attr.difference > 0 ? "high" : "low"} ${attr.key.slice(ATTRIBUTE_PREFIX.length)}` : null;
}

const sentence = (words: (string | null)[]): string => {
  const text = [...new Set(words.filter((w): w is string => !!w))].join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * One cluster's name. Customers who never purchased are never called buyers or spenders: a cluster
 * of them only is "customers who never purchased"; a mixed one is "customers" with the share that
 * never purchased, and purchase words only while most of it did purchase.
 */
function nameOf(p: ClusterProfile): string {
  const share = p.neverPurchased === undefined || p.size === 0 ? 0 : p.neverPurchased / p.size;
  const engaged = pick(p, engagement);
  if (share >= 1) return sentence([engaged, "customers who never purchased"]);
  const freq = p.features.find((f) => f.key === "frequency");
  let often = pick(p, frequency);
  if (often === "occasional" && freq && freq.median === 1) often = "one-time";
  if (share > 0) {
    const buyersWords = share < 0.5 ? [pick(p, recency), engaged, often, pick(p, spendAdjectives)] : [engaged];
    const words = [...buyersWords, attributeWord(p)];
    return `${sentence([...words, "customers"])} (${Math.round(share * 100)} % never purchased)`;
  }
  const words = [pick(p, recency), engaged, often];
  let noun = pick(p, spend);
  if (!noun) {
    words.push(attributeWord(p));
    noun = freq || p.features.some((f) => f.key in spend) ? "buyers" : "customers";
  }
  return words.some((w) => w) ? sentence([...words, noun]) : sentence(["typical", noun]);
}

/**
 * A plain-language name per cluster from what stands out ("lapsed one-time buyers", "recent
 * frequent high spenders", "customers who never purchased"); the user can rename them. Names are
 * unique within a run.
 */
export function suggestClusterNames(profiles: ClusterProfile[]): string[] {
  const used = new Map<string, number>();
  return profiles.map((p) => {
    const name = nameOf(p);
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}
