import type { Capability } from '@conduct/core';
import { z } from 'zod';
import { named } from '../openapi/schema-registry.js';

/** Wire shape of a capability (docs/compatibility.md#relationships-and-capabilities). */
export const capabilityDtoSchema = named(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    signals: z.array(z.string()),
    tags: z.array(z.string()),
  }),
  'Capability',
);

/** A capability in the wire format. */
export function capabilityDto(capability: Capability): z.output<typeof capabilityDtoSchema> {
  return {
    id: capability.id,
    title: capability.title,
    description: capability.description,
    signals: capability.signals,
    tags: capability.tags,
  };
}
