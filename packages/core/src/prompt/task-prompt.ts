import { examplesSection, type PromptExample } from './examples.js';
import { createPrompt, type PromptBuilder } from './prompt-builder.js';
import type { SectionContent } from './section-format.js';

/** Options of {@link taskPrompt}. */
export interface TaskPromptOptions {
  /** The task's instructions, one per line. */
  instructions: SectionContent;
  /** Worked examples, rendered by `renderExample`. Default none. */
  examples?: readonly PromptExample[];
}

/**
 * The static start of a narrow task's prompt: its `instructions`, then its `examples`. The
 * same on every call, so provider prompt caches hit; build it once and add the call's dynamic
 * sections (conversation, items) to it.
 */
export function taskPrompt(options: TaskPromptOptions): PromptBuilder {
  return createPrompt()
    .section({ name: 'instructions', kind: 'static', content: options.instructions })
    .section(examplesSection(options.examples ?? []));
}
