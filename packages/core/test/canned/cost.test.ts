import { describe, expect, it } from 'vitest';
import type { CannedOptions } from '../../src/canned/canned-options.js';
import type { CompositionMode } from '../../src/domain/common.js';
import { cannedSetup } from './canned-harness.js';
import { choose } from './fixtures.js';

// Model calls made to compose one reply, in order. Every composition pipeline is sequential, so
// the list length is also the number of sequential model calls composing adds after matching.
async function composeCalls(
  mode: CompositionMode,
  templates: string[],
  canned: CannedOptions = {},
): Promise<string[]> {
  const t = await cannedSetup({ compositionMode: mode }, { canned });
  for (const value of templates) await t.agent.cannedResponses.create({ value });
  t.model
    .on('compose', 'We open at nine.')
    .on('canned-select', choose('open 9'))
    .on('canned-strict', choose('open 9'))
    .on('canned-restyle', { text: 'We are open 9 to 5.', used: [1] });
  await t.say('when do you open?');
  expect((await t.replies())[0]?.data.message).toBeTruthy();
  return t.model.calls.map((call) => call.task);
}

describe('composition cost per mode (calls after matching; all sequential)', () => {
  const hours = ['We are open 9 to 5.'];

  it.each<[CompositionMode, string[], CannedOptions, string[]]>([
    ['fluid', hours, {}, ['compose']],
    ['canned_fluid', hours, {}, ['compose', 'canned-select']],
    ['canned_fluid', [], {}, ['compose']],
    ['composited_canned', hours, {}, ['compose', 'canned-restyle']],
    ['strict_canned', hours, {}, ['canned-strict']],
    ['strict_canned', hours, { strictSelection: 'draft-first' }, ['compose', 'canned-select']],
    ['strict_canned', [], {}, []],
  ])('%s with %j templates %j: %j', async (mode, templates, canned, expected) => {
    expect(await composeCalls(mode, templates, canned)).toEqual(expected);
  });
});
