import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conduct } from './cli-harness.js';
import { shopModel } from './shop-model.js';

const AGENT = ['--agent-module', 'test/fixtures/shop-agent.ts'];

describe('conduct test, in process', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'conduct-test-'));
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('runs a directory of YAML and TypeScript scenarios, reports them and exits 0', async () => {
    const junit = join(out, 'junit.xml');
    const json = join(out, 'report.json');
    const result = await conduct(
      ['test', 'test/fixtures/shop-scenarios', ...AGENT, '--junit', junit, '--json', json],
      { model: shopModel() },
    );
    expect(result.stderr).toContain('Running 3 scenario(s) on in-process');
    expect(result.stdout).toContain('3 scenarios: 3 passed, 0 failed');
    expect(result.code).toBe(0);
    expect(await readFile(junit, 'utf8')).toContain('tests="3"');
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report.scenarios.map((scenario: { name: string }) => scenario.name).sort()).toEqual([
      'A greeting gets no lookup',
      'Order status',
      'Unknown order is still looked up',
    ]);
  });

  it('exits 1 and says which expectation failed, and why', async () => {
    const result = await conduct(['test', 'test/fixtures/failing.yaml', ...AGENT], {
      model: shopModel(),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Expects the wrong status');
    expect(result.stdout).toContain('delivered');
    expect(result.stdout).toContain('Order 4411 is shipped.');
  });

  it('repeats each scenario and reports pass^k', async () => {
    const result = await conduct(
      ['test', 'test/fixtures/shop-scenarios/greeting.scenario.ts', ...AGENT, '--repeat', '3'],
      { model: shopModel() },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3/3 runs passed');
  });

  it('selects scenarios by tag', async () => {
    const only = await conduct(
      ['test', 'test/fixtures/shop-scenarios', ...AGENT, '--tag', 'smoke'],
      {
        model: shopModel(),
      },
    );
    expect(only.stdout).toContain('1 scenario: 1 passed');
    const skipped = await conduct(
      ['test', 'test/fixtures/shop-scenarios', ...AGENT, '--skip-tag', 'smoke'],
      { model: shopModel() },
    );
    expect(skipped.stdout).toContain('2 scenarios: 2 passed');
    const none = await conduct(['test', 'test/fixtures/shop-scenarios', ...AGENT, '--tag', 'nope']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No scenarios found with the tags asked for');
  });

  it('refuses bad input with exit code 2 and a message that says what is wrong', async () => {
    const model = shopModel();
    const cases: [string[], string][] = [
      [
        ['test', 'test/fixtures/nothing-here.yaml', ...AGENT],
        'No such file or directory: test/fixtures/nothing-here.yaml',
      ],
      [
        ['test', 'test/fixtures/bad/broken.yaml', ...AGENT],
        "test/fixtures/bad/broken.yaml:6:21 turns[0].expect.guidelines.matchd: unknown field 'matchd'",
      ],
      [
        ['test', 'test/fixtures/unknown-agent.yaml', ...AGENT],
        "Unknown agent 'nobody' on in-process, named by 'Talks to nobody'",
      ],
      [
        ['test', 'test/fixtures/failing.yaml', '--agent-module', 'test/fixtures/missing.ts'],
        'Agent module not found: test/fixtures/missing.ts',
      ],
      [
        ['test', 'test/fixtures/failing.yaml', '--replay'],
        '--record, --replay and --cassette-mode need --cassette <file>',
      ],
      [
        ['test', 'test/fixtures/failing.yaml', '--record', '--replay', '--cassette', 'x.json'],
        "option '--record' cannot be used with option '--replay'",
      ],
      [
        [
          'test',
          'test/fixtures/failing.yaml',
          '--url',
          'http://127.0.0.1:1',
          '--cassette',
          'x.json',
        ],
        'with --url the server calls its own model',
      ],
      [
        ['test', 'test/fixtures/failing.yaml', '--url', 'localhost:8800'],
        "Not an http(s) URL: 'localhost:8800'",
      ],
      [
        ['test', 'test/fixtures/failing.yaml', '--repeat', 'many'],
        "expected a whole number ≥ 1, got 'many'",
      ],
      [['test', 'test/fixtures', '--nope'], "unknown option '--nope'"],
      [
        ['test', 'package.json'],
        'Not a scenario file (YAML, TypeScript or JavaScript): package.json',
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await conduct(argv, { model });
      expect({ argv, code: result.code, says: result.stderr.includes(message) }).toEqual({
        argv,
        code: 2,
        says: true,
      });
    }
    // No scenario ran (the unknown agent's case only set the engine up: it classified).
    expect(
      model.calls.map((call) => call.task).filter((task) => task !== 'classify-guideline'),
    ).toEqual([]);
  });

  it('says when no model is configured (exit 2), and that a replay needs none', async () => {
    const result = await conduct(['test', 'test/fixtures/failing.yaml', ...AGENT]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No language model is configured: set OPENAI_API_KEY');
    expect(result.stderr).toContain('--cassette <file> --replay');
  });
});
