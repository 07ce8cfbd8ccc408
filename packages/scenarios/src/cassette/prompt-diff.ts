import { structuredPatch } from 'diff';
import { promptText, type StoredMessage } from './prompt-key.js';

/** Options of {@link promptDiff}. */
export interface PromptDiffOptions {
  /** The prompt as recorded. */
  recorded: readonly StoredMessage[];
  /** The prompt as sent now. */
  current: readonly StoredMessage[];
  /** Header of the recorded side, e.g. `recorded 'compose' #3`. */
  recordedLabel: string;
  /** Header of the current side. */
  currentLabel: string;
  /** At most this many lines of hunks (default 40); the rest is counted, not shown. */
  maxLines?: number;
}

/**
 * A unified diff of two prompts (`[role]` lines between messages), two lines of context, cut to
 * `maxLines` lines: what a reader needs to see why a recording no longer answers.
 */
export function promptDiff(options: PromptDiffOptions): string {
  const { recorded, current, recordedLabel, currentLabel, maxLines = 40 } = options;
  const patch = structuredPatch(
    recordedLabel,
    currentLabel,
    `${promptText(recorded)}\n`,
    `${promptText(current)}\n`,
    '',
    '',
    { context: 2 },
  );
  const body: string[] = [];
  for (const hunk of patch.hunks) {
    body.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    body.push(...hunk.lines);
  }
  if (body.length === 0)
    return `--- ${recordedLabel}\n+++ ${currentLabel}\n(no difference in the prompt text)`;
  const shown = body.slice(0, maxLines);
  const hidden = body.length - shown.length;
  return [
    `--- ${recordedLabel}`,
    `+++ ${currentLabel}`,
    ...shown,
    ...(hidden > 0 ? [`… ${hidden} more diff lines`] : []),
  ].join('\n');
}

/** How many lines differ between two prompts: used to find the nearest recording. */
export function changedLineCount(a: readonly StoredMessage[], b: readonly StoredMessage[]): number {
  const patch = structuredPatch('a', 'b', promptText(a), promptText(b), '', '', { context: 0 });
  let count = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) if (line.startsWith('+') || line.startsWith('-')) count++;
  }
  return count;
}
