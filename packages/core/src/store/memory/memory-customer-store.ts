import {
  type Customer,
  type CustomerInput,
  type CustomerPatch,
  customerInputSchema,
  customerPatchSchema,
  GUEST_CUSTOMER_ID,
  guestCustomer,
} from '../../domain/customer.js';
import { ValidationError } from '../../errors/errors.js';
import type { Page, PageOptions } from '../entity-store.js';
import { paginate } from '../pagination.js';
import type { CustomerStore } from '../ports.js';
import { MemoryCollection } from './memory-collection.js';
import type { MemoryJournal } from './memory-journal.js';

// The guest sorts before every real customer, as the wire format promises.
const GUEST_CREATED_AT = new Date(0).toISOString();

/** In-memory customers, seeded with the built-in guest. */
export class MemoryCustomerStore
  extends MemoryCollection<Customer, CustomerInput, CustomerPatch, Record<string, never>>
  implements CustomerStore
{
  /** @param journal the store's transactions (changes are undone when one rolls back). */
  constructor(journal?: MemoryJournal) {
    super({
      ...(journal ? { journal } : {}),
      entity: 'customer',
      inputSchema: customerInputSchema,
      patchSchema: customerPatchSchema,
    });
    this.insert(guestCustomer(GUEST_CREATED_AT));
  }

  override async delete(id: string): Promise<void> {
    if (id === GUEST_CUSTOMER_ID) {
      throw new ValidationError('The built-in guest customer cannot be deleted');
    }
    await super.delete(id);
  }

  async page(options: PageOptions = {}): Promise<Page<Customer>> {
    return structuredClone(paginate(this.select(), options));
  }
}
