import type { AgentHandle } from '@conduct/core';
import { PLUS_PERKS, RETURN_WINDOW_DAYS, WARRANTY_YEARS } from '../policy.js';

/** Voltmart's own words, which customers use and a model would otherwise guess at. */
export async function glossary(agent: AgentHandle) {
  return Promise.all([
    agent.terms.create({
      id: 'voltmart-term-rma',
      name: 'RMA',
      synonyms: ['return number', 'return authorization'],
      description:
        'Return merchandise authorization: the number of an open return (like RMA-10421-1), given when a return is started and printed on the return label.',
    }),
    agent.terms.create({
      id: 'voltmart-term-plus',
      name: 'Voltmart Plus',
      synonyms: ['Plus membership', 'VPlus'],
      description: `Voltmart's paid membership: ${PLUS_PERKS}. The return window and warranty are the same as for everyone.`,
    }),
    agent.terms.create({
      id: 'voltmart-term-open-box',
      name: 'open-box',
      synonyms: ['open box'],
      description: `A returned, unused item that Voltmart checked and sells again at a discount. It has the same ${RETURN_WINDOW_DAYS}-day return window and ${WARRANTY_YEARS}-year warranty as a new one.`,
    }),
  ]);
}
