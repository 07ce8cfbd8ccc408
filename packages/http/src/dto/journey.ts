import type { Journey } from '@conduct/core';

/**
 * Wire shape of a journey (reference §1.7). Trigger ids go out as both `conditions` (v3.3.1,
 * required by parlant-client 3.3.1) and `triggers` (the reference server's HEAD).
 */
export function journeyDto(journey: Journey) {
  const triggerIds = journey.triggers.map((trigger) => trigger.id);
  return {
    id: journey.id,
    title: journey.title,
    description: journey.description,
    conditions: triggerIds,
    triggers: [...triggerIds],
    tags: journey.tags,
    composition_mode: journey.compositionMode,
    labels: journey.labels,
    priority: journey.priority,
  };
}
