import {
  createModelRouter,
  DEFAULT_TASK_TIMEOUTS,
  type HedgingOptions,
  type LanguageModel,
  loadTokenizer,
} from '@conduct/core';
import { abortableDelay } from '@conduct/core/internal';
import { MEASURED_MESSAGE } from './fixtures.js';
import { percentile } from './measure.js';
import { buildWorld, type Scenario } from './scenario.js';

/**
 * Turn latency when one structured model call per turn stalls (scaled down: model time ×0.2, a
 * 2 s stall): before (no task deadlines, no hedging — the engine's 60 s per call) and after
 * (hedging with a fixed 300 ms delay, and the adaptive default after warm-up turns).
 *
 *   pnpm --filter @conduct/bench exec tsx src/stall.ts
 */
const STALL_MS = 2_000;
const TURNS = 10;
const scenario: Scenario = {
  name: 'stall',
  guidelines: 50,
  historyTurns: 2,
  tool: false,
  output: 'block',
};

/** The first structured call of every turn waits `STALL_MS` (abort-aware) before it starts. */
function stallFirstCallPerTurn(model: LanguageModel): LanguageModel {
  const stalled = new Set<string>();
  return {
    provider: model.provider,
    modelId: model.modelId,
    async generateObject(request) {
      const trace = request.traceId ?? '';
      if (!stalled.has(trace)) {
        stalled.add(trace);
        await abortableDelay(STALL_MS, request.signal);
      }
      return model.generateObject(request);
    },
    streamText: (request) => model.streamText(request),
  };
}

const noDeadlines = Object.fromEntries(
  Object.keys(DEFAULT_TASK_TIMEOUTS).map((task) => [task, Number.POSITIVE_INFINITY]),
);

async function measure(options: {
  label: string;
  hedging: HedgingOptions | false;
  timeouts?: Record<string, number>;
  stall: boolean;
  warmUp?: number;
}) {
  let stalling = false;
  const world = await buildWorld(scenario, {
    timeScale: 0.2,
    wrap: (simulated) => {
      const stalls = stallFirstCallPerTurn(simulated);
      const chosen: LanguageModel = {
        provider: simulated.provider,
        modelId: simulated.modelId,
        generateObject: (request) =>
          stalling ? stalls.generateObject(request) : simulated.generateObject(request),
        streamText: (request) => simulated.streamText(request),
      };
      return createModelRouter({
        default: chosen,
        hedging: options.hedging,
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      });
    },
  });
  const turn = async () => {
    const session = await world.newSession();
    const started = performance.now();
    const posted = await world.conduct.engine.postCustomerMessage(session.id, {
      message: MEASURED_MESSAGE,
    });
    await posted.turn;
    const ms = performance.now() - started;
    await world.conduct.engine.idle(session.id);
    return ms;
  };
  for (let index = 0; index < (options.warmUp ?? 1); index += 1) await turn();
  stalling = options.stall;
  const samples: number[] = [];
  for (let index = 0; index < TURNS; index += 1) samples.push(await turn());
  await world.conduct.close();
  const line = `${options.label.padEnd(48)} p50 ${fmt(percentile(samples, 50))}  p90 ${fmt(percentile(samples, 90))}`;
  console.log(line);
}

const fmt = (ms: number) => `${Math.round(ms)} ms`.padStart(8);

await loadTokenizer();
console.log(`${TURNS} turns each, model time ×0.2, one ${STALL_MS} ms stall per turn`);
await measure({ label: 'no stall (reference)', hedging: false, stall: false });
await measure({
  label: 'before: stall, no deadlines, no hedging',
  hedging: false,
  timeouts: noDeadlines,
  stall: true,
});
await measure({ label: 'after: stall, hedge at 300 ms', hedging: { delayMs: 300 }, stall: true });
await measure({
  label: 'after: stall, adaptive hedge (25 warm-up turns)',
  hedging: {},
  stall: true,
  warmUp: 25,
});
