import type { AgentHandle } from '@conduct/core';
import { escalateToHuman } from '../tools/escalate-to-human.js';

/** When and how a human colleague takes over, and what the agent does not do. */
export async function escalationGuidelines(agent: AgentHandle) {
  const frustrated = await agent.guidelines.create({
    id: 'voltmart-frustrated',
    title: 'Frustrated customer',
    condition:
      'the customer is frustrated or angry, or says they have contacted support about this before',
  });
  const offerHuman = await agent.guidelines.create({
    id: 'voltmart-offer-human',
    title: 'Offer a human',
    condition: 'the customer still has a problem the agent could not solve',
    action: 'offer to hand the conversation to a human colleague',
  });
  const humanRequest = await agent.guidelines.create({
    id: 'voltmart-human-requested',
    title: 'Human requested',
    condition: 'the customer asks to talk to a human, a person or a manager',
    action:
      'tell them a human colleague will take over in this chat in a few minutes, and hand the conversation over with a short summary of their request',
    tools: [escalateToHuman],
    criticality: 'high',
  });
  const offTopic = await agent.guidelines.create({
    id: 'voltmart-off-topic',
    title: 'Off topic',
    condition:
      'the customer asks about something other than Voltmart orders, products, deliveries, returns or warranties',
    action:
      'say politely that you can help with Voltmart orders, products, deliveries, returns and warranties only',
    criticality: 'low',
  });
  return { frustrated, offerHuman, humanRequest, offTopic };
}
