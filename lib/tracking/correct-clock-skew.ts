/**
 * The event's time on the server's clock, as Segment's spec describes: when the sender says when it
 * sent the call (sentAt), its clock is off by (sentAt − receivedAt), so
 * timestamp = receivedAt − (sentAt − originalTimestamp). Without sentAt the timestamp is taken as
 * given; without a timestamp the event happened when it was received.
 */
export function correctClockSkew(options: { timestamp?: string; sentAt?: string; receivedAt: Date }): Date {
  const received = options.receivedAt.getTime();
  if (!options.timestamp) return new Date(received);
  const timestamp = Date.parse(options.timestamp);
  if (!options.sentAt) return new Date(timestamp);
  const sentAt = Date.parse(options.sentAt);
  return new Date(received - (sentAt - timestamp));
}
