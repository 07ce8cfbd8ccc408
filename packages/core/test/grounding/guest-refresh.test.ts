import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GUEST_CUSTOMER_ID } from '../../src/domain/customer.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { setup } from '../engine/harness.js';
import { promptText, sayIn, sectionOf } from './helpers.js';

// Every guest session shares the customer id `guest`: a value refreshed for one visitor must
// never be stored where the next visitor would read it.
describe('refreshing a variable for guests', () => {
  it('uses the fresh value for that turn only and never stores it under `guest`', async () => {
    const t = await setup();
    t.model.on('compose', 'ok');
    const tool = defineTool({
      name: 'cart_lookup',
      description: "Looks up the visitor's cart",
      parameters: z.object({}),
      run: async (context) => ({ data: `cart of ${context.sessionId}` }),
    });
    const variable = await t.agent.variables.create({ name: 'cart', tool });
    const first = await t.agent.createSession({ customerId: GUEST_CUSTOMER_ID });
    const second = await t.agent.createSession({ customerId: GUEST_CUSTOMER_ID });
    await sayIn(t, first.id, 'hi');
    await sayIn(t, second.id, 'hi');

    const [forFirst, forSecond] = t.model.callsFor('compose').map((call) => promptText(call));
    expect(sectionOf(forFirst!, 'variables')).toEqual([`- cart: cart of ${first.id}`]);
    expect(sectionOf(forSecond!, 'variables')).toEqual([`- cart: cart of ${second.id}`]);
    expect(await t.conduct.store.variables.listValues(variable.id)).toEqual([]);
    const [record] = await t.conduct.store.turns.list(second.id);
    expect(record?.grounding.refreshes).toMatchObject([{ status: 'refreshed', key: null }]);
  });
});
