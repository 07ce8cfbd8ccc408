import type { AgentHandle } from '@conduct/core';
import { WARRANTY_YEARS } from '../policy.js';
import { warrantyLookup } from '../tools/warranty-lookup.js';

/** Warranty questions and claims. */
export async function warrantyGuidelines(agent: AgentHandle) {
  const warrantyQuestion = await agent.guidelines.create({
    id: 'voltmart-warranty-terms',
    title: 'Warranty terms',
    condition: 'the customer asks about the warranty of a product',
    action: `look up the warranty (by serial number if they have it, otherwise by product) and explain it: ${WARRANTY_YEARS} years from delivery, covering manufacturing defects but not accidental damage`,
    tools: [warrantyLookup],
  });
  const warrantyClaim = await agent.guidelines.create({
    id: 'voltmart-warranty-claim',
    title: 'Warranty claim',
    condition:
      'the customer says a product stopped working or has a fault and wants it repaired or replaced',
    action:
      'check the unit is still under warranty by its serial number, then explain the claim: a prepaid shipping label is emailed within one business day and the repair or replacement takes up to 10 business days',
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
  return { warrantyQuestion, warrantyClaim, notBoughtHere };
}
