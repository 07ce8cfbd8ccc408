import type { ScenarioTarget, TargetSession } from '../target.js';
import type { Cassette } from './cassette.js';

/**
 * The target with each session's model calls counted in a cassette scope named after the
 * session's title (the runner titles a session `<scenario> (run <n>)`), so a call's position
 * depends only on its own scenario run: adding a scenario does not shift the others.
 */
export function withCassetteScopes(target: ScenarioTarget, cassette: Cassette): ScenarioTarget {
  const { describeAgent } = target;
  return {
    description: target.description,
    async openSession(options) {
      const scope = options.title ?? '';
      const session = await cassette.scope(scope, () => target.openSession(options));
      return scopedSession(session, (run) => cassette.scope(scope, run));
    },
    ...(describeAgent === undefined
      ? {}
      : { describeAgent: (agentId: string) => describeAgent.call(target, agentId) }),
    close: () => target.close(),
  };
}

function scopedSession(
  session: TargetSession,
  inScope: <T>(run: () => Promise<T>) => Promise<T>,
): TargetSession {
  const { sendAsHuman } = session;
  return {
    id: session.id,
    send: (message, options) => inScope(() => session.send(message, options)),
    ...(sendAsHuman === undefined
      ? {}
      : { sendAsHuman: (message: string) => inScope(() => sendAsHuman.call(session, message)) }),
    inspect: () => session.inspect(),
  };
}
