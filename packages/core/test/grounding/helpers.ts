import type { ScriptedModel, ScriptedModelCall } from '../../src/testing/scripted-model.js';
import type { setup } from '../engine/harness.js';

/** A harness instance (see `../engine/harness.ts`). */
export type Harness = Awaited<ReturnType<typeof setup>>;

/** The text of every message of a recorded model call. */
export function promptText(call: ScriptedModelCall | undefined): string {
  return call?.messages.map((message) => message.content).join('\n') ?? '';
}

/** The prompt of the latest `compose` call. */
export function lastComposePrompt(model: ScriptedModel): string {
  return promptText(model.callsFor('compose').at(-1));
}

/** The lines of one `<name>…</name>` section of a prompt (empty when it is absent). */
export function sectionOf(prompt: string, name: string): string[] {
  const start = prompt.indexOf(`<${name}>\n`);
  if (start < 0) return [];
  const end = prompt.indexOf(`\n</${name}>`, start);
  return prompt.slice(start + name.length + 3, end).split('\n');
}

/** Posts a message to any session of the harness's engine and waits until it is idle. */
export async function sayIn(t: Harness, sessionId: string, message: string) {
  const posted = await t.conduct.engine.postCustomerMessage(sessionId, { message });
  await t.conduct.engine.idle(sessionId);
  return posted.event;
}

/** The decision record of the turn that answered `traceId` in `sessionId`. */
export async function recordOf(t: Harness, sessionId: string, traceId: string) {
  const [record] = await t.conduct.store.turns.list(sessionId, { traceId });
  if (record === undefined) throw new Error(`no turn record for trace ${traceId}`);
  return record;
}
