import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderPromptCatalog } from '../scripts/prompt-catalog/render.js';

const CATALOG_DIR = new URL('../../../docs/prompts/', import.meta.url);
const STALE = 'docs/prompts/ is stale: run `pnpm prompts` and commit the result';

describe('the prompt catalog (docs/prompts)', () => {
  it('is current: re-rendering every situation gives the checked-in files', async () => {
    const rendered = await renderPromptCatalog();
    const checkedIn = (await readdir(CATALOG_DIR)).filter((name) => name.endsWith('.md')).sort();
    expect(checkedIn, STALE).toEqual([...rendered.keys()].sort());
    for (const [name, content] of rendered) {
      expect(await readFile(new URL(name, CATALOG_DIR), 'utf8'), `${STALE} (${name})`).toBe(
        content,
      );
    }
  });

  it('has an answer for every call: no catalog call fails', async () => {
    const rendered = await renderPromptCatalog();
    for (const [name, content] of rendered) {
      for (const call of content.split(/^### /m).slice(1)) {
        expect(call, `${name}: ${call.split('\n')[0]}`).not.toContain('**The call failed:**');
        if (call.includes('Response schema:')) {
          expect(call, `${name}: ${call.split('\n')[0]}`).toContain('Scripted answer:');
        }
      }
    }
  });

  it('shows every task the date and time of the fixed clock', async () => {
    const rendered = await renderPromptCatalog();
    for (const [name, content] of rendered) {
      if (name === 'README.md') continue;
      const calls = content.split(/^### /m).slice(1);
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        expect(call, `${name}: ${call.split('\n')[0]}`).toContain(
          'Now: Sunday 1 June 2025, 16:30 (Europe/Berlin)',
        );
      }
    }
  });
});
