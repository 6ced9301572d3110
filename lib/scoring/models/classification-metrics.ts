/** Area under the ROC curve: the probability that a random positive scores above a random negative (ties count ½). */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[i]! - scores[j]!);
  let positives = 0;
  let rankSum = 0;
  for (let k = 0; k < n;) {
    let end = k;
    while (end + 1 < n && scores[order[end + 1]!]! === scores[order[k]!]!) end++;
    const averageRank = (k + end) / 2 + 1; // 1-based ranks, ties averaged
    for (let m = k; m <= end; m++)
      if (labels[order[m]!]!) {
        positives++;
        rankSum += averageRank;
      }
    k = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface ThresholdMetrics {
  threshold: number;
  precision: number;
  recall: number;
  accuracy: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** Precision, recall and accuracy when every score ≥ threshold is called positive. */
export function thresholdMetrics(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold = 0.5): ThresholdMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    if (labels[i] && predicted) tp++;
    else if (labels[i]) fn++;
    else if (predicted) fp++;
    else tn++;
  }
  return {
    threshold,
    precision: tp + fp > 0 ? tp / (tp + fp) : NaN,
    recall: tp + fn > 0 ? tp / (tp + fn) : NaN,
    accuracy: scores.length > 0 ? (tp + tn) / scores.length : NaN,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
  };
}

export interface CalibrationBin {
  /** Bin range of predicted probabilities [from, to). */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Predicted vs observed rates in equal-width bins of the predicted probability (empty bins left out). */
export function calibrationCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): CalibrationBin[] {
  const count = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let i = 0; i < scores.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(scores[i]! * bins)));
    count[b]!++;
    predicted[b]! += scores[i]!;
    observed[b]! += labels[i]! ? 1 : 0;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++)
    if (count[b]! > 0)
      out.push({
        from: b / bins,
        to: (b + 1) / bins,
        count: count[b]!,
        meanPredicted: predicted[b]! / count[b]!,
        observedRate: observed[b]! / count[b]!,
      });
  return out;
}

export interface LiftDecile {
  /** 1 = the tenth with the highest scores. */
  decile: number;
  count: number;
  rate: number;
  lift: number;
  /** Share of all positives found in deciles 1..decile. */
  cumulativeCapture: number;
}

/** Customers sorted by score and cut into ten equal parts: each part's positive rate over the overall rate. */
export function liftByDecile(scores: ArrayLike<number>, labels: ArrayLike<number>): LiftDecile[] {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => scores[j]! - scores[i]!);
  let totalPositives = 0;
  for (let i = 0; i < n; i++) totalPositives += labels[i]! ? 1 : 0;
  const overall = n > 0 ? totalPositives / n : 0;
  const out: LiftDecile[] = [];
  let captured = 0;
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10);
    const to = Math.floor(((d + 1) * n) / 10);
    let positives = 0;
    for (let k = from; k < to; k++) positives += labels[order[k]!]! ? 1 : 0;
    captured += positives;
    const count = to - from;
    const rate = count > 0 ? positives / count : 0;
    out.push({
      decile: d + 1,
      count,
      rate,
      lift: overall > 0 ? rate / overall : NaN,
      cumulativeCapture: totalPositives > 0 ? captured / totalPositives : NaN,
    });
  }
  return out;
}

/** Mean squared error of the probabilities. */
export function brierScore(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < scores.length; i++) sum += (scores[i]! - (labels[i]! ? 1 : 0)) ** 2;
  return sum / Math.max(scores.length, 1);
}
