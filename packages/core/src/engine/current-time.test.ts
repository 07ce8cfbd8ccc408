import { describe, expect, it } from 'vitest';
import type { Agent } from '../domain/agent.js';
import type { Customer } from '../domain/customer.js';
import { currentTimeSection, formatTurnTime, resolveTurnTime } from './current-time.js';

const agent = { id: 'a1', name: 'Ava' } as Agent;
const customer = (metadata: Record<string, string> = {}) =>
  ({ id: 'c1', name: 'Dana', metadata }) as Customer;
const clock = () => new Date('2026-12-07T16:42:00Z');

describe('turn time', () => {
  it('formats the moment in the zone, in one fixed wording', () => {
    const time = { now: clock(), timeZone: 'Europe/Paris' };
    expect(formatTurnTime(time)).toBe('Monday 7 December 2026, 17:42 (Europe/Paris)');
    expect(currentTimeSection({ time })).toEqual({
      name: 'current-time',
      kind: 'dynamic',
      content: 'Now: Monday 7 December 2026, 17:42 (Europe/Paris)',
    });
    // Past midnight in Tokyo it is already the next day.
    expect(formatTurnTime({ now: clock(), timeZone: 'Asia/Tokyo' })).toBe(
      'Tuesday 8 December 2026, 01:42 (Asia/Tokyo)',
    );
  });

  it('uses the engine clock and zone; a customer zone wins; invalid zones fall back', () => {
    expect(resolveTurnTime({ clock, agent, customer: customer() })).toEqual({
      now: clock(),
      timeZone: 'UTC',
    });
    expect(
      resolveTurnTime({ clock, timeZone: 'Europe/Paris', agent, customer: customer() }).timeZone,
    ).toBe('Europe/Paris');
    const perAgent = ({ agent: a }: { agent: Agent }) =>
      a.name === 'Ava' ? 'America/New_York' : 'UTC';
    expect(
      resolveTurnTime({ clock, timeZone: perAgent, agent, customer: customer() }).timeZone,
    ).toBe('America/New_York');
    const tokyo = customer({ timeZone: 'Asia/Tokyo' });
    expect(
      resolveTurnTime({ clock, timeZone: 'Europe/Paris', agent, customer: tokyo }).timeZone,
    ).toBe('Asia/Tokyo');
    const bogus = customer({ timeZone: 'Mars/Olympus' });
    expect(resolveTurnTime({ clock, timeZone: 'Nowhere', agent, customer: bogus }).timeZone).toBe(
      'UTC',
    );
  });
});
