import type { Capability } from '@conduct/core';

/** Wire shape of a capability (reference §1.10). */
export function capabilityDto(capability: Capability) {
  return {
    id: capability.id,
    title: capability.title,
    description: capability.description,
    signals: capability.signals,
    tags: capability.tags,
  };
}
