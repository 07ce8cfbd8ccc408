import { stringify } from 'yaml';
import type { ExportedScenario } from './scenario-from-conversation.js';

/**
 * The scenario as a YAML file: a header saying where it came from and that its expectations pin
 * what the agent did (review them), then the scenario.
 */
export function scenarioYaml(scenario: ExportedScenario, source: { sessionId: string }): string {
  const header = [
    `# Exported from session ${source.sessionId}.`,
    '# The expectations pin what the agent did then: keep what it should do, drop the rest.',
  ];
  return `${header.join('\n')}\n${stringify(scenario, { lineWidth: 0 })}`;
}
