import type { PromptSection } from '../prompt/prompt-builder.js';

/**
 * `<approved-wording>`: the approved templates of this point of the conversation, with how to
 * use them (skipped when there are none). The guidance sits in the section itself rather than
 * in the static instructions: it costs nothing on the many turns without templates.
 */
export function approvedWordingSection(texts: readonly string[] = []): PromptSection {
  return {
    name: 'approved-wording',
    kind: 'dynamic',
    content:
      texts.length === 0
        ? []
        : [
            'The business approved these texts for this point of the conversation. Where one says what your message must say, use it word for word, writing any {{generative.<name>}} part yourself from the facts given here; say anything else in your own words.',
            // One line each: a filled-in value with line breaks must not look like another entry.
            ...texts.map((text) => `- ${text.replace(/\s*[\r\n]+\s*/g, ' ')}`),
          ],
  };
}
