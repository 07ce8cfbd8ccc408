import { Writable } from 'node:stream';
import { ConfigurationError, type TurnReport } from '@conduct/core';
import { newTurnRecord } from '@conduct/core/internal';
import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions, loggerOptionsFromEnv, logTurn } from '../src/index.js';

function captured(options: Omit<LoggerOptions, 'destination'>) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ ...options, destination });
  const lines = () => chunks.join('').split('\n').filter(Boolean);
  return { log, lines };
}

function report(overrides: {
  outcome: TurnReport['outcome'];
  errors?: string[];
  matched?: string[];
}): TurnReport {
  const record = newTurnRecord({
    id: 'rec-1',
    sessionId: 'ses-1',
    agentId: 'voltmart-support',
    traceId: 'a'.repeat(32),
    startedAt: '2026-01-05T10:00:00.000Z',
  });
  record.endedAt = '2026-01-05T10:00:01.250Z';
  record.status = overrides.outcome.status === 'failed' ? 'error' : 'completed';
  record.matched.guidelines = overrides.matched ?? [];
  record.errors = (overrides.errors ?? []).map((message) => ({
    stage: 'turn',
    message,
    code: null,
  }));
  return { outcome: overrides.outcome, record };
}

describe('the server logger', () => {
  it('writes JSON lines with the level, the message and the fields when not in a terminal', () => {
    const { log, lines } = captured({ isTTY: false });
    log.info('store: PGlite', { dataDir: '.conduct-data' });
    log.error('GET /agents: unexpected error', new Error('boom'));
    const [info, error] = lines().map((line) => JSON.parse(line));
    expect(info).toMatchObject({ level: 30, name: 'conduct', msg: 'store: PGlite' });
    expect(info.dataDir).toBe('.conduct-data');
    expect(error).toMatchObject({ level: 50, msg: 'GET /agents: unexpected error' });
    expect(error.err).toMatchObject({ type: 'Error', message: 'boom' });
  });

  it('writes one readable line per message in a terminal, and shows errors', () => {
    const { log, lines } = captured({ format: 'pretty', isTTY: false });
    log.info('turn answered: session ses-1', { sessionId: 'ses-1', matched: 2 });
    log.error('shutdown failed', new Error('the store hung'));
    const all = lines();
    expect(all[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(conduct\): turn answered: session ses-1$/,
    );
    expect(all.slice(1).join('\n')).toContain('shutdown failed');
    expect(all.slice(1).join('\n')).toContain('the store hung');
  });

  it('leaves out what is below the level', () => {
    const { log, lines } = captured({ isTTY: false, level: 'warn' });
    log.info('hidden');
    log.warn('shown');
    expect(lines().map((line) => JSON.parse(line).msg)).toEqual(['shown']);
  });

  it('reads the level and format from the environment, and refuses unknown values', () => {
    expect(loggerOptionsFromEnv({})).toEqual({});
    expect(loggerOptionsFromEnv({ LOG_LEVEL: 'debug' })).toEqual({ level: 'debug' });
    expect(
      loggerOptionsFromEnv({
        CONDUCT_LOG_LEVEL: 'WARN',
        LOG_LEVEL: 'debug',
        CONDUCT_LOG_FORMAT: 'json',
      }),
    ).toEqual({ level: 'warn', format: 'json' });
    expect(() => loggerOptionsFromEnv({ CONDUCT_LOG_LEVEL: 'loud' })).toThrow(ConfigurationError);
    expect(() => loggerOptionsFromEnv({ CONDUCT_LOG_FORMAT: 'xml' })).toThrow(
      "CONDUCT_LOG_FORMAT='xml' is not valid: use one of auto, pretty, json",
    );
  });

  it("understands a platform's LOG_LEVEL in its own words, and never fails the start on it", () => {
    expect(loggerOptionsFromEnv({ LOG_LEVEL: 'WARNING' })).toEqual({ level: 'warn' });
    expect(loggerOptionsFromEnv({ LOG_LEVEL: 'verbose' })).toEqual({ level: 'debug' });
    expect(loggerOptionsFromEnv({ LOG_LEVEL: 'chatty' })).toEqual({});
  });
});

describe('the line of a turn', () => {
  it('says how an answered turn went', () => {
    const { log, lines } = captured({ isTTY: false });
    logTurn(log, report({ outcome: { status: 'answered', traceId: 't' }, matched: ['g1', 'g2'] }));
    const [line] = lines().map((text) => JSON.parse(text));
    expect(line).toMatchObject({
      level: 30,
      msg: 'turn answered: session ses-1, agent voltmart-support, 2 matched, 0 model calls, 1250 ms',
      sessionId: 'ses-1',
      agentId: 'voltmart-support',
      outcome: 'answered',
      matched: 2,
      modelCalls: 0,
      durationMs: 1250,
      errors: [],
    });
  });

  it('makes a failed turn an error line with its message', () => {
    const { log, lines } = captured({ isTTY: false });
    const message = 'No language model is configured, so the agent cannot reply.';
    logTurn(
      log,
      report({ outcome: { status: 'failed', traceId: 't', error: message }, errors: [message] }),
    );
    const [line] = lines().map((text) => JSON.parse(text));
    expect(line.level).toBe(50);
    expect(line.msg).toBe(
      `turn failed: session ses-1, agent voltmart-support, 0 matched, 0 model calls, 1250 ms — ${message}`,
    );
  });

  it('warns about errors an answered turn survived', () => {
    const { log, lines } = captured({ isTTY: false });
    logTurn(
      log,
      report({
        outcome: { status: 'answered', traceId: 't' },
        errors: ['a', 'b', 'c', 'd', 'e'],
      }),
    );
    const [line] = lines().map((text) => JSON.parse(text));
    expect(line.level).toBe(40);
    expect(line.msg).toMatch(/ — a; b; c; and 2 more$/);
  });
});
