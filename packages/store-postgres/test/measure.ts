import type { ConductStore, NewEvent } from '@conduct/core';

const message = (text: string): NewEvent => ({
  kind: 'message',
  source: 'customer',
  traceId: '<main>',
  data: { message: text, participant: { id: null, display_name: 'Bench' } },
});

async function sessions(store: ConductStore, count: number): Promise<string[]> {
  const agent = await store.agents.create({ name: 'Bench' });
  const created = [];
  for (let n = 0; n < count; n += 1)
    created.push(await store.sessions.create({ agentId: agent.id }));
  return created.map((session) => session.id);
}

async function rate(count: number, run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (count * 1000) / (performance.now() - started);
}

/** Appends per second: one by one, spread over sessions, and all on one session at once. */
export async function measureAppends(store: ConductStore) {
  const [one = '', ...ten] = await sessions(store, 11);
  const sequential = await rate(300, async () => {
    for (let n = 0; n < 300; n += 1) await store.events.append(one, message(`s${n}`));
  });
  const spread = await rate(500, () =>
    Promise.all(
      ten.map(async (id) => {
        for (let n = 0; n < 50; n += 1) await store.events.append(id, message(`p${n}`));
      }),
    ),
  );
  const contended = await rate(200, () =>
    Promise.all(Array.from({ length: 200 }, (_, n) => store.events.append(one, message(`c${n}`)))),
  );
  return { sequential, spread, contended };
}

/**
 * Milliseconds from calling `append` on `writer` to a pending `waitFor` on `reader` resolving,
 * over `rounds` rounds: median, 95th percentile and maximum.
 */
export async function measureWakeUps(reader: ConductStore, writer: ConductStore, rounds = 30) {
  const [id = ''] = await sessions(writer, 1);
  const samples: number[] = [];
  for (let n = 0; n < rounds; n += 1) {
    const waiting = reader.events
      .waitFor(id, { minOffset: n }, { timeoutMs: 5000 })
      .then(() => performance.now());
    await new Promise((resolve) => setTimeout(resolve, 3));
    const started = performance.now();
    await writer.events.append(id, message(`w${n}`));
    samples.push((await waiting) - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5) ?? 0, p95: at(0.95) ?? 0, max: samples.at(-1) ?? 0 };
}

/** One line of the report. */
export function report(label: string, appends: Awaited<ReturnType<typeof measureAppends>>) {
  const f = (n: number) => Math.round(n).toString().padStart(6);
  return `${label.padEnd(34)} appends/s: one-by-one ${f(appends.sequential)} | 10 sessions in parallel ${f(appends.spread)} | 200 at once on one session ${f(appends.contended)}`;
}

/** One line of the wake-up report. */
export function reportWake(label: string, wake: Awaited<ReturnType<typeof measureWakeUps>>) {
  const f = (n: number) => n.toFixed(2).padStart(6);
  return `${label.padEnd(34)} append → waitFor resolves (ms): median ${f(wake.median)} | p95 ${f(wake.p95)} | max ${f(wake.max)}`;
}
