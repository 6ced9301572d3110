import { db } from "../db";

export interface FlowListItem {
  id: string;
  name: string;
  status: string;
  triggerLabel: string;
  active: number;
  entered: number;
  sent: number;
  updatedAt: Date;
}

/** Every flow but archived ones, newest first, with people inside now, entered in all and emails sent. */
export async function listFlows(): Promise<FlowListItem[]> {
  return db.$queryRaw<FlowListItem[]>`
    SELECT f.id, f.name, f.status, f.updated_at AS "updatedAt",
      CASE WHEN f.trigger ->> 'kind' = 'event' THEN 'When someone does ' || (f.trigger ->> 'event')
             || CASE WHEN jsonb_array_length(coalesce(f.trigger -> 'where', '[]')) > 0 THEN ' (with property filters)' ELSE '' END
           ELSE 'When someone enters ' || coalesce((SELECT s.name FROM segments s WHERE s.id = f.trigger ->> 'segmentId'), 'a deleted segment') END AS "triggerLabel",
      (SELECT count(*)::int FROM flow_runs r WHERE r.flow_id = f.id AND r.status = 'active') AS active,
      (SELECT count(*)::int FROM flow_runs r WHERE r.flow_id = f.id) AS entered,
      (SELECT count(*)::int FROM flow_messages m WHERE m.flow_id = f.id AND m.status = 'sent') AS sent
    FROM flows f WHERE f.status <> 'archived' ORDER BY f.updated_at DESC`;
}
