import type { AgentHandle } from '@conduct/core';
import { RETURN_WINDOW_DAYS, WARRANTY_YEARS } from '../policy.js';

/** What Ava can offer: the composer proposes these when they fit, and nothing else. */
export async function capabilities(agent: AgentHandle) {
  return Promise.all([
    agent.capabilities.create({
      id: 'voltmart-cap-order-tracking',
      title: 'Order tracking',
      description:
        'Find the status of an order, its carrier and tracking number, and when it arrives',
      signals: ['where is my order', 'track my parcel', 'when will it arrive'],
    }),
    agent.capabilities.create({
      id: 'voltmart-cap-returns',
      title: 'Returns',
      description: `Start a return within ${RETURN_WINDOW_DAYS} days of delivery and email a prepaid return label`,
      signals: ['return an item', 'I want a refund', 'send it back'],
    }),
    agent.capabilities.create({
      id: 'voltmart-cap-warranty-claims',
      title: 'Warranty claims',
      description: `Check a unit's ${WARRANTY_YEARS}-year warranty by serial number and start a repair or replacement`,
      signals: ['it stopped working', 'it is broken', 'repair under warranty'],
    }),
    agent.capabilities.create({
      id: 'voltmart-cap-human',
      title: 'Talk to a human',
      description: 'Hand the chat to a human support colleague (8:00-20:00)',
      signals: ['talk to a person', 'speak to a human', 'get me a manager'],
    }),
  ]);
}
