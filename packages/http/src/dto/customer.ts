import type { Customer } from '@conduct/core';

/**
 * Wire shape of a customer (reference §1.2). `extra` repeats `metadata` for clients of the 0.x
 * API (parlant-client 0.10.0, bundled by the chat widget), which require it.
 */
export function customerDto(customer: Customer) {
  return {
    id: customer.id,
    creation_utc: customer.createdAt,
    name: customer.name,
    metadata: customer.metadata,
    tags: customer.tags,
    extra: customer.metadata,
  };
}
