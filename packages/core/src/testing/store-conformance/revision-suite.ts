import { expect } from 'vitest';
import { storeCheck } from './check.js';
import { createAgent, createSession, messageEvent, uid } from './fixtures.js';

/** The behavior revision: changes with the behavior model, and only with it. */
export const revisionChecks = {
  changesWithBehavior: storeCheck(
    'behaviorRevision changes on every change to the behavior model',
    async (context) => {
      const { store } = context;
      const seen = new Set<string>([await store.behaviorRevision()]);
      const expectChanged = async (what: string) => {
        const revision = await store.behaviorRevision();
        expect(seen.has(revision), `revision unchanged after ${what}`).toBe(false);
        seen.add(revision);
      };
      const agent = await createAgent(context);
      await expectChanged('creating an agent');
      const guideline = await store.guidelines.create({ id: uid(), condition: 'something holds' });
      context.defer(() => store.guidelines.delete(guideline.id));
      await expectChanged('creating a guideline');
      await store.guidelines.update(guideline.id, { action: 'do something' });
      await expectChanged('updating a guideline');
      const other = await store.guidelines.create({ id: uid(), condition: 'something else holds' });
      context.defer(() => store.guidelines.delete(other.id));
      await expectChanged('creating another guideline');
      const relationship = await store.relationships.create({
        kind: 'entails',
        source: { type: 'guideline', id: guideline.id },
        target: { type: 'guideline', id: other.id },
      });
      await expectChanged('creating a relationship');
      await store.relationships.delete(relationship.id);
      await expectChanged('deleting a relationship');
      await store.agents.update(agent.id, { description: 'changed' });
      await expectChanged('updating an agent');
    },
  ),
  ignoresConversations: storeCheck(
    'behaviorRevision stays the same when only sessions, events or customers change',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const before = await store.behaviorRevision();
      await store.events.append(session.id, messageEvent());
      await store.sessions.update(session.id, { title: 'renamed' });
      const customer = await store.customers.create({ name: 'Revision Check' });
      await store.customers.delete(customer.id);
      expect(await store.behaviorRevision()).toBe(before);
    },
  ),
};
