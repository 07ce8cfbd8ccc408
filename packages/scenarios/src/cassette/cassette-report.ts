import type { CassetteReport } from './cassette.js';
import { describePosition } from './cassette-errors.js';

/**
 * The report as text for a terminal or a CI log: one summary line, then each changed call with
 * its diff excerpt, the calls replay could not answer, and recordings this run no longer made.
 */
export function formatCassetteReport(report: CassetteReport): string {
  const lines = [
    `cassette ${report.path} (${report.mode}): ${report.replayed} replayed, ${report.recorded} recorded, ${report.changed.length} changed, ${report.missed.length} missed, ${report.unused.length} unused`,
  ];
  for (const change of report.changed) {
    const what = change.schemaChanged ? 'output schema changed' : 'prompt changed';
    lines.push('', `changed: ${describePosition(change)} — ${what}`, indent(change.diff));
  }
  const changed = new Set(report.changed.map((change) => describePosition(change)));
  const newCalls = report.missed.filter((miss) => !changed.has(describePosition(miss)));
  if (newCalls.length > 0) {
    lines.push('', 'not in the cassette (no recording at their position):');
    for (const miss of newCalls) lines.push(`  ${describePosition(miss)}`);
  }
  if (report.unused.length > 0) {
    lines.push('', 'recorded but not made by this run:');
    for (const position of report.unused.slice(0, 20))
      lines.push(`  ${describePosition(position)}`);
    if (report.unused.length > 20) lines.push(`  … ${report.unused.length - 20} more`);
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
