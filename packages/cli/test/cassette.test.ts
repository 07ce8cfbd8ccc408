import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conduct, PACKAGE_DIR } from './cli-harness.js';
import { shopModel } from './shop-model.js';

const AGENT = ['--agent-module', 'test/fixtures/shop-agent.ts'];
const SUITE = 'test/fixtures/shop-scenarios';

describe('conduct test with a cassette', () => {
  let dir: string;
  let cassette: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conduct-cassette-'));
    cassette = join(dir, 'shop.cassette.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records a suite from the real model, then replays it with none, deterministically', async () => {
    const real = shopModel();
    const recorded = await conduct(['test', SUITE, ...AGENT, '--cassette', cassette, '--record'], {
      model: real,
    });
    expect(recorded.code).toBe(0);
    expect(recorded.stderr).toContain(`${real.calls.length} recorded`);
    const file = JSON.parse(await readFile(cassette, 'utf8'));
    expect(file.calls).toHaveLength(real.calls.length);
    // Each scenario run counts its calls apart; guideline classification runs before any.
    expect(new Set(file.calls.map((call: { scope: string }) => call.scope))).toEqual(
      new Set([
        '',
        'Order status (run 1)',
        'Unknown order is still looked up (run 1)',
        'A greeting gets no lookup (run 1)',
      ]),
    );

    // No model at all: `--cassette` alone replays.
    const replayed = await conduct(['test', SUITE, ...AGENT, '--cassette', cassette]);
    expect(replayed.stdout).toContain('3 scenarios: 3 passed, 0 failed');
    expect(replayed.stderr).toContain(
      `${real.calls.length} replayed, 0 recorded, 0 changed, 0 missed, 0 unused`,
    );
    expect(replayed.code).toBe(0);
    expect(await readFile(cassette, 'utf8')).toBe(JSON.stringify(file, null, 2).concat('\n'));
  });

  it('fails a replay that missed a call even when every expectation still passes', async () => {
    await conduct(['test', SUITE, ...AGENT, '--cassette', cassette, '--record'], {
      model: shopModel(),
    });
    const file = JSON.parse(await readFile(cassette, 'utf8'));
    // Guideline classification runs off the turns: a miss there leaves every reply unchanged.
    const kept = file.calls.filter((call: { task: string }) => call.task !== 'classify-guideline');
    expect(kept.length).toBeLessThan(file.calls.length);
    await writeFile(cassette, JSON.stringify({ ...file, calls: kept }, null, 2));

    const replay = await conduct(['test', SUITE, ...AGENT, '--cassette', cassette, '--replay']);
    expect(replay.stdout).toContain('3 scenarios: 3 passed, 0 failed');
    expect(replay.stderr).toMatch(/failed: the replay missed [1-9]\d* call\(s\)/);
    expect(replay.code).toBe(1);
  });

  it('fails a replay whose prompt changed, naming the calls and showing the change', async () => {
    await conduct(['test', SUITE, ...AGENT, '--cassette', cassette, '--record'], {
      model: shopModel(),
    });
    const changed = join(dir, 'orders.yaml');
    const source = await readFile(join(PACKAGE_DIR, SUITE, 'orders.yaml'), 'utf8');
    await writeFile(
      changed,
      source.replace('Where is my order 5000?', 'Where is my parcel, order 5000?'),
    );

    const replay = await conduct(['test', changed, ...AGENT, '--cassette', cassette, '--replay']);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('✗ Unknown order is still looked up');
    expect(replay.stdout).toContain('has no recorded answer for');
    expect(replay.stderr).toMatch(/\d+ changed, \d+ missed/);
    expect(replay.stderr).toContain(
      'changed: the \'actionable\' call #1 of "Unknown order is still looked up (run 1)" — prompt changed',
    );
    expect(replay.stderr).toContain('-Customer (cus-dana): Where is my order 5000?');
    expect(replay.stderr).toContain('+Customer (cus-dana): Where is my parcel, order 5000?');
    // The greeting scenario was not run: its recordings are listed as unused.
    expect(replay.stderr).toContain('recorded but not made by this run:');

    // auto: replays what it has and records the changed calls with the real model.
    const auto = await conduct(
      ['test', changed, ...AGENT, '--cassette', cassette, '--cassette-mode', 'auto'],
      {
        model: shopModel(),
      },
    );
    expect(auto.code).toBe(0);
    expect(auto.stderr).toMatch(/\d+ replayed, [1-9]\d* recorded/);
    const again = await conduct(['test', changed, ...AGENT, '--cassette', cassette]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/ 0 changed, 0 missed/);
  });

  it('needs the cassette file to replay', async () => {
    const result = await conduct(['test', SUITE, ...AGENT, '--cassette', join(dir, 'none.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot read cassette ${join(dir, 'none.json')}`);
  });
});
