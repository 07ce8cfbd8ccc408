import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

describe("the README's testing quick start", () => {
  it('is testing-quick-start.test.ts word for word, so it works as written', async () => {
    const snippet = await readFile(
      new URL('./testing-quick-start.test.ts', import.meta.url),
      'utf8',
    );
    const readme = await readFile(new URL('../../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${snippet}\`\`\``);
  });
});
