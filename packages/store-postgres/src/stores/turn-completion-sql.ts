/**
 * SQL of crash recovery and of the engine's per-turn check: a session's newest customer message
 * (`e`, one probe of the partial index `conduct_events_customer_messages`) and whether a turn
 * for it completed — core's `turnCompletedIn`, in SQL, over the trace index.
 */

/** `LATERAL` subquery of the newest live customer message of session `s`, as `e`. */
export const LATEST_CUSTOMER_MESSAGE = `LATERAL (
    SELECT * FROM conduct_events m
    WHERE m.session_id = s.id AND m.kind = 'message' AND m.source = 'customer' AND NOT m.deleted
    ORDER BY m.event_offset DESC LIMIT 1
  ) e`;

/**
 * Boolean SQL: a turn for message `e` completed (more final `ready` statuses — stage `completed`,
 * not a preamble's `ready {}` — than `cancelled` ones in its trace).
 */
export const TURN_COMPLETED_AFTER_E = `(
    SELECT count(*) FILTER (
        WHERE r.data->>'status' = 'ready' AND r.data->'data'->>'stage' = 'completed'
      )
      > count(*) FILTER (WHERE r.data->>'status' = 'cancelled')
    FROM conduct_events r
    WHERE r.session_id = e.session_id AND r.trace_id = e.trace_id
      AND r.event_offset > e.event_offset AND r.kind = 'status' AND NOT r.deleted
  )`;

/** Boolean SQL: a human agent's live message follows message `e` (a human answered it). */
export const HUMAN_ANSWERED_AFTER_E = `EXISTS (
    SELECT 1 FROM conduct_events h
    WHERE h.session_id = e.session_id AND h.event_offset > e.event_offset AND h.kind = 'message'
      AND h.source IN ('human_agent', 'human_agent_on_behalf_of_ai_agent') AND NOT h.deleted
  )`;
