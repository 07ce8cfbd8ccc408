/**
 * One engine process of the multi-process tests: a Conduct engine on the PostgreSQL store named
 * by `DATABASE_URL`, with a scripted model, driven by its parent over IPC. `MODEL=answer` (the
 * reply names the newest message it saw, after `COMPOSE_MS`) or `MODEL=hang` (never replies).
 */
import { createConduct, type TurnOutcome } from '@conduct/core';
import { createScriptedModel, keywordStrategy, scripted } from '@conduct/core/testing';
import { createPostgresStore } from '@conduct/store-postgres';

/** Commands from the parent. */
export type Command =
  | { type: 'post'; id: number; sessionId: string; message: string }
  | { type: 'recover'; mode: 'resume' | 'mark' }
  | { type: 'close' };

/** Reports to the parent. */
export type Report =
  | { type: 'ready'; pid: number }
  | { type: 'posted'; id: number; offset: number; traceId: string }
  | { type: 'outcome'; id: number; outcome: TurnOutcome }
  | { type: 'recovered'; sessions: string[]; outcomes: TurnOutcome[] }
  | { type: 'failed'; id?: number; message: string };

const MESSAGE_TOKEN = /\bs\d+-b\d+-m\d+\b/g;

function send(report: Report): void {
  process.send?.(report);
}

const model = createScriptedModel({ latencyMs: Number(process.env.COMPOSE_MS ?? 0) });
if (process.env.MODEL === 'hang') model.on('compose', scripted.hang());
else {
  model.on('compose', (request) => {
    const prompt = request.messages.map((message) => message.content).join('\n');
    const tokens = prompt.match(MESSAGE_TOKEN) ?? [];
    return `reply to ${tokens.at(-1) ?? 'nothing'}`;
  });
}

const store = await createPostgresStore({ driver: 'pg', maxConnections: 4 });
const conduct = createConduct({
  store,
  model,
  strategies: [keywordStrategy()],
  onError: (error) => send({ type: 'failed', message: String(error) }),
});

process.on('message', (command: Command) => {
  if (command.type === 'post') {
    conduct.engine.postCustomerMessage(command.sessionId, { message: command.message }).then(
      ({ event, turn }) => {
        send({ type: 'posted', id: command.id, offset: event.offset, traceId: event.traceId });
        return turn.then((outcome) => send({ type: 'outcome', id: command.id, outcome }));
      },
      (error: unknown) => send({ type: 'failed', id: command.id, message: String(error) }),
    );
  } else if (command.type === 'recover') {
    conduct.engine
      .recoverUnfinishedTurns({ mode: command.mode })
      .then(async ({ turns, settled }) =>
        send({
          type: 'recovered',
          sessions: turns.map((turn) => turn.sessionId),
          outcomes: await settled,
        }),
      )
      .catch((error: unknown) => send({ type: 'failed', message: String(error) }));
  } else if (command.type === 'close') {
    conduct.close().then(
      () => process.exit(0),
      (error: unknown) => {
        send({ type: 'failed', message: String(error) });
        process.exit(1);
      },
    );
  }
});

send({ type: 'ready', pid: process.pid });
