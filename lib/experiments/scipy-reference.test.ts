import { describe, expect, it } from "vitest";
import { pythonHas, runPython } from "../../test/python-reference";
import { createRandom } from "../clustering/algorithms/random";
import { newcombeInterval } from "./newcombe-interval";
import { twoProportionTest } from "./two-proportion-test";
import { meanInterval, poolSummaries, summarize, welchTTest } from "./welch-t-test";

const hasScipy = pythonHas("scipy.stats");

/** Counts of the kinds an email test produces: small and large sends, rates from 0.2 % to 60 %. */
function randomTables(n: number, seed: number): [number, number, number, number][] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => {
    const n1 = 20 + Math.floor(random() ** 2 * 50_000);
    const n2 = 20 + Math.floor(random() ** 2 * 50_000);
    const base = 0.002 + random() * 0.6;
    const x1 = Math.floor(n1 * base * (0.8 + random() * 0.4));
    const x2 = Math.floor(n2 * base * (0.8 + random() * 0.4));
    return [Math.min(x1, n1), n1, Math.min(x2, n2), n2];
  });
}

describe.skipIf(!hasScipy)("experiment statistics against SciPy", () => {
  it("two-proportion test = chi2_contingency(correction=False)", () => {
    const tables = randomTables(200, 7);
    tables.push([0, 100, 3, 100], [50, 1000, 50, 1000], [1, 30, 29, 30], [120, 40_000, 190, 40_000]);
    const ref = runPython<[number, number][]>(
      `import json,sys
from scipy.stats import chi2_contingency
out=[]
for x1,n1,x2,n2 in json.load(sys.stdin):
    chi2,p,dof,_=chi2_contingency([[x1,n1-x1],[x2,n2-x2]],correction=False)
    out.append([float(chi2),float(p)])
print(json.dumps(out))`,
      tables,
    );
    tables.forEach(([x1, n1, x2, n2], i) => {
      const ours = twoProportionTest({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
      const [chi2, p] = ref[i]!;
      expect(ours.chi2, `table ${i}`).toBeCloseTo(chi2, 8);
      // Relative agreement, also for p-values far in the tail.
      expect(Math.abs(ours.pValue - p) / Math.max(p, 1e-300), `table ${i}: ${ours.pValue} vs ${p}`).toBeLessThan(1e-7);
    });
  });

  it("Newcombe's interval = the hybrid score interval computed from SciPy's normal quantile", () => {
    const tables = randomTables(150, 11);
    tables.push([0, 50, 0, 50], [0, 200, 5, 200], [30, 30, 10, 30]);
    const ref = runPython<[number, number][]>(
      `import json,sys,math
from scipy.stats import norm
z=norm.ppf(0.975)
def wilson(x,n):
    p=x/n
    c=(p+z*z/(2*n))/(1+z*z/n)
    h=z*math.sqrt(p*(1-p)/n+z*z/(4*n*n))/(1+z*z/n)
    return c-h,c+h
out=[]
for x1,n1,x2,n2 in json.load(sys.stdin):
    p1,p2=x1/n1,x2/n2
    l1,u1=wilson(x1,n1); l2,u2=wilson(x2,n2)
    d=p2-p1
    out.append([d-math.sqrt((p2-l2)**2+(u1-p1)**2), d+math.sqrt((u2-p2)**2+(p1-l1)**2)])
print(json.dumps(out))`,
      tables,
    );
    tables.forEach(([x1, n1, x2, n2], i) => {
      const ours = newcombeInterval({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
      expect(ours.lower, `table ${i}`).toBeCloseTo(ref[i]![0], 10);
      expect(ours.upper, `table ${i}`).toBeCloseTo(ref[i]![1], 10);
      expect(ours.lower).toBeLessThanOrEqual(ours.difference);
      expect(ours.upper).toBeGreaterThanOrEqual(ours.difference);
    });
  });

  it("Welch's t on revenue per recipient = ttest_ind(equal_var=False), with its interval", () => {
    const random = createRandom(3);
    // Revenue per recipient: mostly zeros, a few orders of skewed size.
    const sample = (n: number, buyRate: number, basket: number) =>
      Array.from({ length: n }, () => (random() < buyRate ? Math.round(basket * -Math.log(1 - random()) * 100) / 100 : 0));
    const pairs = Array.from({ length: 40 }, (_, i) => [
      sample(30 + i * 97, 0.02 + (i % 5) * 0.01, 60),
      sample(25 + i * 113, 0.025 + (i % 3) * 0.01, 55 + i),
    ]);
    pairs.push([
      [1, 2, 3, 4],
      [10, 12, 9, 15, 11],
    ]);
    const ref = runPython<[number, number, number, number][]>(
      `import json,sys
import numpy as np
from scipy.stats import ttest_ind, t as student
out=[]
for a,b in json.load(sys.stdin):
    r=ttest_ind(b,a,equal_var=False)
    # The interval from SciPy's own pieces (its confidence_interval() is newer than Debian's SciPy).
    va,vb=np.var(a,ddof=1)/len(a),np.var(b,ddof=1)/len(b)
    df=(va+vb)**2/(va**2/(len(a)-1)+vb**2/(len(b)-1))
    h=student.ppf(0.975,df)*np.sqrt(va+vb)
    d=np.mean(b)-np.mean(a)
    out.append([float(r.statistic),float(r.pvalue),float(d-h),float(d+h)])
print(json.dumps(out))`,
      pairs,
    );
    pairs.forEach(([a, b], i) => {
      const ours = welchTTest(summarize(a!), summarize(b!));
      const [t, p, low, high] = ref[i]!;
      expect(ours.t, `pair ${i}`).toBeCloseTo(t, 9);
      expect(ours.pValue, `pair ${i}`).toBeCloseTo(p, 9);
      expect(ours.lower, `pair ${i}`).toBeCloseTo(low, 7);
      expect(ours.upper, `pair ${i}`).toBeCloseTo(high, 7);
    });
  });

  it("revenue per recipient: each variant's t interval = t.interval, everyone sent pooled = the concatenated sample", () => {
    const random = createRandom(13);
    const sample = (n: number) => Array.from({ length: n }, () => (random() < 0.04 ? Math.round(-Math.log(1 - random()) * 6000) / 100 : 0));
    const groups = Array.from({ length: 12 }, (_, i) => [sample(40 + i * 211), sample(3 + i * 57), sample(500)]);
    const ref = runPython<[number, number, number, number][]>(
      `import json,sys
import numpy as np
from scipy import stats
out=[]
for parts in json.load(sys.stdin):
    a=np.array(parts[0])
    low,high=stats.t.interval(0.95,len(a)-1,loc=np.mean(a),scale=stats.sem(a))
    every=np.concatenate([np.array(p) for p in parts])
    out.append([float(low),float(high),float(np.mean(every)),float(np.var(every,ddof=1))])
print(json.dumps(out))`,
      groups,
    );
    groups.forEach((parts, i) => {
      const [low, high, mean, variance] = ref[i]!;
      const interval = meanInterval(summarize(parts[0]!));
      expect(interval.lower, `group ${i}`).toBeCloseTo(low, 7);
      expect(interval.upper, `group ${i}`).toBeCloseTo(high, 7);
      const pooled = poolSummaries(parts.map((p) => summarize(p)));
      expect(pooled.n).toBe(parts.flat().length);
      expect(pooled.mean, `group ${i}`).toBeCloseTo(mean, 10);
      expect(Math.abs(pooled.variance - variance) / Math.max(variance, 1e-12), `group ${i}`).toBeLessThan(1e-10);
    });
  });
});
