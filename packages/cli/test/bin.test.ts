import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from './cli-harness.js';

const run = promisify(execFile);

describe('the conduct command as a process', () => {
  it('prints its usage and exits 0; an unknown command exits 2', async () => {
    const help = await run('pnpm', ['exec', 'tsx', 'src/main.ts', '--help'], { cwd: PACKAGE_DIR });
    expect(help.stdout).toContain('Usage: conduct [options] [command]');
    expect(help.stdout).toContain('test [options] [files...]');
    expect(help.stdout).toContain('Exit codes: 0 passed, 1 a scenario failed, 2 bad input');

    const wrong = await run('pnpm', ['exec', 'tsx', 'src/main.ts', 'tset'], {
      cwd: PACKAGE_DIR,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("unknown command 'tset'");
  }, 30_000);
});
