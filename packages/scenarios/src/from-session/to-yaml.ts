import { Document } from 'yaml';
import type { ExportedScenario } from './scenario-from-conversation.js';

/**
 * The scenario as a YAML file: a header saying where it came from and that its expectations pin
 * what the agent did unless feedback corrected them (review them), then the scenario, with each
 * turn's `reviewNote` as a comment above it.
 */
export function scenarioYaml(scenario: ExportedScenario, source: { sessionId: string }): string {
  const header = [
    `# Exported from session ${source.sessionId}.`,
    '# The expectations pin what the agent did then, corrected by feedback where it was given:',
    '# keep what it should do, drop the rest.',
  ];
  const turns = scenario.turns.map(({ reviewNote: _note, ...turn }) => turn);
  const document = new Document({ ...scenario, turns });
  for (const [index, turn] of scenario.turns.entries()) {
    if (turn.reviewNote === undefined) continue;
    const node = document.getIn(['turns', index], true) as { commentBefore?: string | null };
    node.commentBefore = turn.reviewNote
      .split('\n')
      .map((line) => ` ${line}`)
      .join('\n');
  }
  return `${header.join('\n')}\n${document.toString({ lineWidth: 0 })}`;
}
