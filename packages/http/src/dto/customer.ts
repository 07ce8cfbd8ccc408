import type { Customer } from '@conduct/core';
import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';

/**
 * Wire shape of a customer (docs/compatibility.md#customers). `extra` repeats `metadata` for
 * clients of the 0.x API (parlant-client 0.10.0, bundled by the chat widget), which require it.
 */
export const customerDtoSchema = named(
  z.object({
    id: z.string(),
    creation_utc: timestampDto,
    name: z.string(),
    metadata: z.record(z.string(), z.string()),
    tags: z.array(z.string()),
    extra: z.record(z.string(), z.string()).describe('Same as `metadata`, for 0.x clients'),
  }),
  'Customer',
);

/** A customer in the wire format. */
export function customerDto(customer: Customer): z.output<typeof customerDtoSchema> {
  return {
    id: customer.id,
    creation_utc: customer.createdAt,
    name: customer.name,
    metadata: customer.metadata,
    tags: customer.tags,
    extra: customer.metadata,
  };
}
