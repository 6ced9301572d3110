/** What the timeline needs of a stored tracking call. */
export interface TrackedCall {
  type: string;
  payload: Record<string, unknown>;
}

// The same rows are written set-based in SQL for calls of known people (claim-and-process-known-calls.ts);
// known-calls.db.test.ts checks both agree.
/** The timeline's event type for a call: track's own name, or what the call was. */
export function eventType(row: TrackedCall): string {
  if (row.type === "track") return String(row.payload.event);
  if (row.type === "page") return "page_viewed";
  if (row.type === "screen") return "screen_viewed";
  return row.type === "identify" ? "identified" : row.type === "alias" ? "aliased" : "grouped";
}

export function eventProperties(row: TrackedCall): Record<string, unknown> {
  const p = row.payload;
  if (row.type === "identify" || row.type === "group") {
    const traits = (p.traits ?? {}) as Record<string, unknown>;
    return { ...(row.type === "group" ? { groupId: p.groupId } : {}), ...(Object.keys(traits).length ? { traits } : {}) };
  }
  if (row.type === "alias") return { previousId: p.previousId, userId: p.userId };
  if (row.type === "page" || row.type === "screen")
    return { ...(p.properties as object), ...(p.name ? { name: p.name } : {}), ...(p.category ? { category: p.category } : {}) };
  return (p.properties as Record<string, unknown>) ?? {};
}
