import { describe, expect, it } from 'vitest';
import {
  agentTag,
  guidelineTag,
  isJourneyScopeTag,
  journeyNodeTag,
  journeyStateScopes,
  journeyStateTag,
  journeyTag,
  NO_MATCH_TAG,
  PREAMBLE_TAG,
  parseTag,
  scopedJourneyIds,
} from './built-in-tags.js';

describe('built-in tags', () => {
  it('are spelled as the wire spells them', () => {
    expect(agentTag('shop')).toBe('agent:shop');
    expect(guidelineTag('g1')).toBe('guideline:g1');
    expect(journeyTag('returns')).toBe('journey:returns');
    expect(journeyStateTag('returns', 'ask-order')).toBe('journey_node:returns:ask-order');
    expect(journeyNodeTag('ask-order')).toBe('journey_node:ask-order');
  });

  it('read back what they were built from', () => {
    expect(parseTag(agentTag('shop'))).toEqual({ kind: 'agent', agentId: 'shop' });
    expect(parseTag(guidelineTag('g1'))).toEqual({ kind: 'guideline', guidelineId: 'g1' });
    expect(parseTag(journeyTag('returns'))).toEqual({ kind: 'journey', journeyId: 'returns' });
    expect(parseTag(journeyStateTag('returns', 'ask-order'))).toEqual({
      kind: 'journey-state',
      journeyId: 'returns',
      stateId: 'ask-order',
    });
  });

  it('keep a journey id that holds colons whole (state ids never do)', () => {
    expect(parseTag(journeyTag('trip:1'))).toEqual({ kind: 'journey', journeyId: 'trip:1' });
    expect(parseTag(journeyStateTag('trip:1', 'ask'))).toEqual({
      kind: 'journey-state',
      journeyId: 'trip:1',
      stateId: 'ask',
    });
  });

  it('read a `journey_node:` tag that names no journey as a bare node id', () => {
    expect(parseTag('journey_node:ask-order')).toEqual({ kind: 'journey-node', node: 'ask-order' });
    expect(parseTag('journey_node:trip:')).toEqual({ kind: 'journey-node', node: 'trip:' });
    expect(parseTag('journey_node:')).toEqual({ kind: 'journey-node', node: '' });
  });

  it('leave stored tags and the marker tags alone', () => {
    for (const tag of ['vip', 'agents', 'journeys:x', PREAMBLE_TAG, NO_MATCH_TAG, 'Agent:x']) {
      expect(parseTag(tag)).toBeUndefined();
    }
  });

  it('take the id as it follows the prefix, even when empty', () => {
    expect(parseTag('agent:')).toEqual({ kind: 'agent', agentId: '' });
  });

  it('tell the journey scope tags apart from the others', () => {
    expect(isJourneyScopeTag(journeyTag('j'))).toBe(true);
    expect(isJourneyScopeTag(journeyStateTag('j', 's'))).toBe(true);
    expect(isJourneyScopeTag(journeyNodeTag('s'))).toBe(true);
    expect(isJourneyScopeTag(agentTag('j'))).toBe(false);
    expect(isJourneyScopeTag(guidelineTag('j'))).toBe(false);
    expect(isJourneyScopeTag('journey')).toBe(false);
  });

  it('list the journeys and journey states a set of tags scopes to', () => {
    const tags = [
      agentTag('shop'),
      journeyTag('a'),
      journeyTag('a:b'),
      journeyStateTag('a:b', 's'),
      journeyNodeTag('bare'),
      'vip',
    ];
    expect(scopedJourneyIds(tags)).toEqual(['a', 'a:b']);
    expect(journeyStateScopes(tags)).toEqual([{ journeyId: 'a:b', stateId: 's' }]);
  });
});
