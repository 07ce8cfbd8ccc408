import { describe, expect, it } from 'vitest';
import { AbortedError } from '../errors/errors.js';
import { createScriptedModerator } from './scripted-moderator.js';

describe('scripted moderator', () => {
  const moderator = createScriptedModerator({
    categories: { harassment: ['idiot', 'shut up'], violence: [/\bkill(s|ed)?\b/gi] },
    flag: ['scam'],
  });

  it('flags whole words and phrases case-insensitively, by category in config order', async () => {
    expect(await moderator.moderate({ text: 'You IDIOT, shut   up!' })).toEqual({
      flagged: true,
      categories: ['harassment'],
    });
    expect(await moderator.moderate({ text: 'This scam kills me, idiot' })).toEqual({
      flagged: true,
      categories: ['harassment', 'violence', 'flagged'],
    });
  });

  it('does not flag words inside other words, and regexes stay stateless', async () => {
    expect(await moderator.moderate({ text: 'idiotic scammers skill' })).toEqual({
      flagged: false,
      categories: [],
    });
    for (let index = 0; index < 2; index++) {
      expect((await moderator.moderate({ text: 'kill' })).categories).toEqual(['violence']);
    }
  });

  it('records calls and rejects when aborted', async () => {
    const fresh = createScriptedModerator({ flag: ['x'] });
    await fresh.moderate({ text: 'x' });
    await expect(fresh.moderate({ text: 'x', signal: AbortSignal.abort() })).rejects.toThrow(
      AbortedError,
    );
    expect(fresh.calls.map((call) => call.result)).toEqual([
      { flagged: true, categories: ['flagged'] },
      undefined,
    ]);
    expect(fresh.provider).toBe('scripted');
  });
});
