import { guidelineRuleText } from '../domain/guideline.js';
import {
  capabilitiesSection,
  glossarySection,
  retrievedDataSection,
  variablesSection,
} from '../grounding/prompt-sections.js';
import type { PromptSection } from '../prompt/prompt-builder.js';
import type { MatchedGuideline } from './composer.js';
import { currentTimeSection } from './current-time.js';
import { journeyStepsSection } from './journey-compose.js';
import type { TurnContext } from './turn-context.js';

/**
 * What wins when what a reply is given disagrees, for every task that decides what the reply
 * says. Declared `overrides` never reach it: the resolver drops the overridden guideline first.
 */
export const REPLY_PRECEDENCE_RULES = [
  'A tool result showing an action failed or is impossible (a passed window, an unknown order) wins over any guideline or capability asking for it: say so, and what can be done instead. Of two conflicting guidelines, follow the one listed first.',
  'Never say an action is done or under way unless a tool result here shows it.',
];

/**
 * Everything a reply must be grounded in, as the dynamic prompt sections shared by every task
 * that decides what the reply says (`compose`, strict mode's `canned-strict`): current time,
 * agent, customer, glossary, variables, capabilities, guidelines, journey steps, questions to
 * clarify, missing information, retrieved data and the preamble already sent this turn (this
 * turn's tool results are in the conversation, see `taskConversation`). One rendering, so every
 * such prompt sees the same facts in the same words. Empty sections are left out by the prompt
 * builder.
 */
export function replyContextSections(
  context: TurnContext,
  guidelines: readonly MatchedGuideline[],
): PromptSection[] {
  const { agent, customer, grounding } = context;
  return [
    currentTimeSection(context),
    {
      name: 'agent',
      kind: 'dynamic',
      content: [`Name: ${agent.name}`, agent.description ? `About: ${agent.description}` : ''],
    },
    { name: 'customer', kind: 'dynamic', content: `Name: ${customer.name}` },
    glossarySection(grounding),
    variablesSection(grounding),
    capabilitiesSection(grounding),
    { name: 'guidelines', kind: 'dynamic', content: guidelineLines(guidelines) },
    journeyStepsSection(context),
    {
      name: 'clarify',
      kind: 'dynamic',
      content: guidelines.flatMap((matched) =>
        matched.clarifyingQuestion === undefined ? [] : [`- Ask: ${matched.clarifyingQuestion}`],
      ),
    },
    {
      name: 'missing-information',
      kind: 'dynamic',
      content: context.insights.map((insight) => `- ${insight.message}`),
    },
    retrievedDataSection(grounding),
    {
      name: 'already-sent',
      kind: 'dynamic',
      content:
        context.preamble === undefined
          ? []
          : `This turn you already sent: "${context.preamble}" Your message follows it: continue from it, without repeating it or greeting again.`,
    },
  ];
}

/** `1. When <condition>, then <action> (applies because: …)`; clarifications are listed apart. */
function guidelineLines(guidelines: readonly MatchedGuideline[]): string[] {
  return guidelines
    .filter((matched) => matched.clarifyingQuestion === undefined)
    .map(({ guideline, rationale }, index) => {
      const rule = guidelineRuleText(guideline);
      return `${index + 1}. ${rule}${rationale ? ` (applies because: ${rationale})` : ''}`;
    });
}
