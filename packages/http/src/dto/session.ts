import type { Session } from '@conduct/core';

/** Wire shape of a session (reference §1.3); the engine's per-session state stays private. */
export function sessionDto(session: Session) {
  return {
    id: session.id,
    agent_id: session.agentId,
    customer_id: session.customerId,
    creation_utc: session.createdAt,
    title: session.title,
    mode: session.mode,
    consumption_offsets: { client: session.consumptionOffsets.client },
    metadata: session.metadata,
    labels: session.labels,
  };
}
