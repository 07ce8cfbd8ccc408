import type { TranscriptLine } from '../expect/view.js';

const SPEAKERS: Record<TranscriptLine['speaker'], string> = {
  customer: 'Customer',
  agent: 'Agent',
  human: 'Human agent',
};

/** The conversation as prompt lines: `Customer: …`, `Agent: …` (line breaks kept indented). */
export function transcriptLines(lines: readonly TranscriptLine[]): string[] {
  return lines.map(
    (line) => `${SPEAKERS[line.speaker]}: ${line.text.trim().replace(/\n+/g, '\n  ')}`,
  );
}
