import type { AgentHandle } from '@conduct/core';
import { WARRANTY_YEARS } from '../policy.js';
import { warrantyLookup } from '../tools/warranty-lookup.js';

/** Warranty questions; claims follow the warranty-claim journey (journeys/warranty-claim.ts). */
export async function warrantyGuidelines(agent: AgentHandle) {
  const warrantyQuestion = await agent.guidelines.create({
    id: 'voltmart-warranty-terms',
    title: 'Warranty terms',
    condition: 'the customer asks about the warranty of a product',
    action: `look up the warranty (by serial number if they have it, otherwise by product) and explain it: ${WARRANTY_YEARS} years from delivery, covering manufacturing defects but not accidental damage`,
    tools: [warrantyLookup],
  });
  const notBoughtHere = await agent.guidelines.create({
    id: 'voltmart-not-bought-here',
    title: 'Not bought at Voltmart',
    condition:
      'the customer wants to return a product or claim its warranty, and says they bought it from another shop or marketplace',
    action:
      'explain that Voltmart can only handle returns and warranty claims for its own orders, and suggest contacting the seller or the manufacturer',
  });
  return { warrantyQuestion, notBoughtHere };
}
