import type { Scenario } from '../scenario/types.js';

/** Whether a scenario calls a model of its own: a judge, or a simulated customer. */
export function needsModel(scenario: Scenario): boolean {
  if (scenario.simulate !== undefined || scenario.judge !== undefined) return true;
  if (scenario.success?.reply?.judge !== undefined) return true;
  return (scenario.turns ?? []).some((turn) => turn.expect?.reply?.judge !== undefined);
}
