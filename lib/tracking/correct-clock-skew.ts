/** The earliest and latest event times Tailor stores: anything outside is a sender's bug. */
export const earliestEventTime = Date.UTC(1900, 0, 1);
export const latestEventTime = Date.UTC(2200, 0, 1);

const inRange = (ms: number) => Number.isFinite(ms) && ms >= earliestEventTime && ms < latestEventTime;

export interface ClockSkewProblem {
  field: "timestamp" | "sentAt";
  message: string;
}

/**
 * The event's time on the server's clock, as Segment's spec describes: when the sender says when it
 * sent the call (sentAt), its clock is off by (sentAt − receivedAt), so
 * timestamp = receivedAt − (sentAt − originalTimestamp). Without sentAt the timestamp is taken as
 * given; without a timestamp the event happened when it was received. Dates before 1900 or from
 * 2200 on (as given or once corrected) are refused with the field to fix: PostgreSQL could not store
 * some of them, and none is a real event time.
 */
export function correctClockSkew(options: { timestamp?: string; sentAt?: string; receivedAt: Date }): Date | ClockSkewProblem {
  const received = options.receivedAt.getTime();
  if (!options.timestamp) return new Date(received);
  const timestamp = Date.parse(options.timestamp);
  const range = "between 1900-01-01 and 2199-12-31";
  if (!inRange(timestamp)) return { field: "timestamp", message: `must be a date ${range}` };
  if (!options.sentAt) return new Date(timestamp);
  const sentAt = Date.parse(options.sentAt);
  if (!inRange(sentAt)) return { field: "sentAt", message: `must be a date ${range}` };
  const corrected = received - (sentAt - timestamp);
  if (!inRange(corrected)) {
    return {
      field: "sentAt",
      message: `is ${Math.round((sentAt - received) / 86_400_000)} days off the server's clock, which moves the timestamp outside ${range}; send the time the call was sent`,
    };
  }
  return new Date(corrected);
}
