import {
  type Customer,
  type CustomerInput,
  type CustomerPatch,
  type CustomerStore,
  customerInputSchema,
  customerPatchSchema,
  GUEST_CUSTOMER_ID,
  type Page,
  type PageOptions,
  ValidationError,
} from '@conduct/core';
import type { SqlExecutor } from '../driver/sql-driver.js';
import { SqlCollection } from './sql-collection.js';

/** Customers in SQL; the built-in guest is seeded by the first migration. */
export class SqlCustomerStore
  extends SqlCollection<Customer, CustomerInput, CustomerPatch>
  implements CustomerStore
{
  constructor(db: SqlExecutor) {
    super(db, {
      table: 'conduct_customers',
      entity: 'customer',
      inputSchema: customerInputSchema,
      patchSchema: customerPatchSchema,
    });
  }

  override async delete(id: string): Promise<void> {
    if (id === GUEST_CUSTOMER_ID) {
      throw new ValidationError('The built-in guest customer cannot be deleted');
    }
    await super.delete(id);
  }

  page(options: PageOptions = {}): Promise<Page<Customer>> {
    return this.pageOf(undefined, options);
  }
}
