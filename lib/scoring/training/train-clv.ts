import { AppError } from "../../errors";
import { bgnbdExpectedPurchases, bgnbdProbabilityAlive, fitBgnbd } from "../models/bgnbd";
import { customerLifetimeValue } from "../models/customer-lifetime-value";
import { fitGammaGamma, gammaGammaExpectedSpend } from "../models/gamma-gamma";
import { addDays, daysBetween } from "../data/day-bounds";
import { loadRfmSummary, type CustomerRfm } from "../data/load-rfm-summary";
import type { TrainingContext, TrainingResult } from "./training-context";

const DAYS_PER_MONTH = 30;

/**
 * Lifetime value: BG/NBD on (frequency, recency, T) in days and Gamma-Gamma on repeat customers'
 * average spend, both by maximum likelihood. Validated on a calibration/holdout split (fitted up
 * to the calibration end, predicting repeat purchase days up to the cutoff); then refitted on
 * everything up to the cutoff and used to score. The fitting runs in the training thread (ctx.fit).
 */
export async function trainClv(ctx: TrainingContext): Promise<TrainingResult> {
  const cutoff = ctx.window.cutoff ?? ctx.dataEnd;
  const calibrationEnd = ctx.window.calibrationEnd ?? addDays(cutoff, -180);
  const holdoutDays = daysBetween(calibrationEnd, cutoff);
  if (holdoutDays < 1)
    throw new AppError("unprocessable", `The calibration end (${calibrationEnd}) must be before the cutoff (${cutoff}).`, {
      field: "calibrationEnd",
    });

  ctx.progress("Loading the calibration period", 5);
  const calibration = await loadRfmSummary(ctx.client, { calibrationEnd, observationEnd: cutoff, timeZone: ctx.timeZone });
  if (calibration.customerIds.length < 10)
    throw new AppError(
      "unprocessable",
      `Only ${calibration.customerIds.length} customers bought by ${calibrationEnd}: choose a later calibration end.`,
      { field: "calibrationEnd" },
    );
  ctx.checkCancelled();
  ctx.progress("Loading every purchase up to the cutoff", 15);
  const full = await loadRfmSummary(ctx.client, { calibrationEnd: cutoff, observationEnd: cutoff, timeZone: ctx.timeZone });
  ctx.checkCancelled();
  const fitted = await ctx.fit("clv", {
    calibration,
    full,
    holdoutDays,
    months: ctx.window.months,
    monthlyDiscountRate: ctx.window.monthlyDiscountRate,
  });
  return {
    window: {
      cutoff,
      calibrationEnd,
      holdoutDays,
      months: ctx.window.months,
      monthlyDiscountRate: ctx.window.monthlyDiscountRate,
      timeUnit: "days",
    },
    params: fitted.params,
    metrics: fitted.validation,
    trainingRows: full.customerIds.length,
    scores: {
      customerIds: full.customerIds,
      columns: { clv: fitted.clv, expected_purchases: fitted.expected, probability_alive: fitted.alive },
    },
  };
}

/**
 * The computation of trainClv (no database: it runs in the training thread): BG/NBD on the calibration
 * period and its holdout check, BG/NBD and Gamma-Gamma on everything up to the cutoff, and each
 * customer's P(alive), expected purchases and CLV over the horizon.
 */
export function fitClv(
  input: { calibration: CustomerRfm; full: CustomerRfm; holdoutDays: number; months: number; monthlyDiscountRate: number },
  progress: (phase: string, percent: number) => void,
) {
  const { calibration, full } = input;
  progress("Fitting BG/NBD on the calibration period", 20);
  const calibrationFit = fitBgnbd(calibration);
  const validation = holdoutValidation(calibration, calibrationFit, input.holdoutDays);
  progress("Fitting BG/NBD and Gamma-Gamma", 55);
  const bgnbd = fitBgnbd(full);
  const repeat = Array.from(full.frequency.keys()).filter((i) => full.frequency[i]! > 0 && full.monetary[i]! > 0);
  if (repeat.length < 10)
    throw new AppError("unprocessable", `Only ${repeat.length} customers bought more than once: Gamma-Gamma needs more repeat buyers.`);
  const gammaGamma = fitGammaGamma({
    frequency: Float64Array.from(repeat, (i) => full.frequency[i]!),
    monetary: Float64Array.from(repeat, (i) => full.monetary[i]!),
  });

  progress("Scoring customers", 75);
  const n = full.customerIds.length;
  const clv = new Float64Array(n);
  const expected = new Float64Array(n);
  const alive = new Float64Array(n);
  const horizon = input.months * DAYS_PER_MONTH;
  for (let i = 0; i < n; i++) {
    const x = full.frequency[i]!;
    const tx = full.recency[i]!;
    const T = full.T[i]!;
    alive[i] = bgnbdProbabilityAlive(bgnbd, x, tx, T);
    expected[i] = bgnbdExpectedPurchases(bgnbd, horizon, x, tx, T);
    const spend = gammaGammaExpectedSpend(gammaGamma, x, full.monetary[i]!);
    clv[i] = customerLifetimeValue({
      bgnbd,
      x,
      tx,
      T,
      expectedSpend: spend,
      months: input.months,
      monthlyDiscountRate: input.monthlyDiscountRate,
    });
  }
  return {
    params: {
      bgnbd: { r: bgnbd.r, alpha: bgnbd.alpha, a: bgnbd.a, b: bgnbd.b, logLikelihood: bgnbd.logLikelihood, converged: bgnbd.converged },
      gammaGamma: {
        p: gammaGamma.p,
        q: gammaGamma.q,
        v: gammaGamma.v,
        logLikelihood: gammaGamma.logLikelihood,
        converged: gammaGamma.converged,
        customers: repeat.length,
      },
      calibrationFit: {
        r: calibrationFit.r,
        alpha: calibrationFit.alpha,
        a: calibrationFit.a,
        b: calibrationFit.b,
        logLikelihood: calibrationFit.logLikelihood,
      },
    },
    validation,
    clv,
    expected,
    alive,
  };
}

export type ClvValidation = {
  holdoutDays: number;
  customers: number;
  /** Mean absolute error of predicted vs actual repeat purchase days per customer in the holdout. */
  meanAbsoluteError: number;
  predictedTotal: number;
  actualTotal: number;
  /** By calibration repeat purchases (7 = 7 or more): mean predicted vs mean actual holdout purchases. */
  byFrequency: { frequency: number; customers: number; predicted: number; actual: number }[];
};

function holdoutValidation(data: CustomerRfm, fit: Parameters<typeof bgnbdExpectedPurchases>[0], holdoutDays: number): ClvValidation {
  const groups = Array.from({ length: 8 }, (_, frequency) => ({ frequency, customers: 0, predicted: 0, actual: 0 }));
  let absolute = 0;
  let predictedTotal = 0;
  let actualTotal = 0;
  const n = data.customerIds.length;
  for (let i = 0; i < n; i++) {
    const predicted = bgnbdExpectedPurchases(fit, holdoutDays, data.frequency[i]!, data.recency[i]!, data.T[i]!);
    const actual = data.holdout[i]!;
    absolute += Math.abs(predicted - actual);
    predictedTotal += predicted;
    actualTotal += actual;
    const g = groups[Math.min(7, data.frequency[i]!)]!;
    g.customers++;
    g.predicted += predicted;
    g.actual += actual;
  }
  return {
    holdoutDays,
    customers: n,
    meanAbsoluteError: absolute / n,
    predictedTotal,
    actualTotal,
    byFrequency: groups
      .filter((g) => g.customers > 0)
      .map((g) => ({ ...g, predicted: g.predicted / g.customers, actual: g.actual / g.customers })),
  };
}
