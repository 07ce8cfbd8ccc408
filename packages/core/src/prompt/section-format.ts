import { ConfigurationError } from '../errors/errors.js';

/** Content of a prompt section: text, lines of text, or nothing (the section is then skipped). */
export type SectionContent = string | readonly string[] | null | undefined;

const SECTION_NAME = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

/**
 * Throws a `ConfigurationError` unless `name` can be used as a section tag: lowercase letters
 * and digits, words separated by `-` or `_`, starting with a letter (`current-guidelines`).
 */
export function assertSectionName(name: string): void {
  if (!SECTION_NAME.test(name)) {
    throw new ConfigurationError(
      `Invalid prompt section name '${name}': use lowercase words joined by '-' or '_', e.g. 'current-guidelines'`,
    );
  }
}

/**
 * The text of a section's content, or `undefined` when there is nothing to show (missing,
 * empty, whitespace only). Lines are joined with `\n`; leading blank lines and trailing
 * whitespace are removed so every section renders alike.
 */
export function normalizeContent(content: SectionContent): string | undefined {
  if (content === null || content === undefined) return undefined;
  const text = typeof content === 'string' ? content : content.join('\n');
  const trimmed = text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Renders one section as an XML-style block:
 *
 * ```text
 * <name>
 * content
 * </name>
 * ```
 *
 * Tags rather than Markdown headings because dynamic content (customer messages, tool results)
 * often contains Markdown itself, while a tag pair delimits it unambiguously.
 */
export function renderSection(name: string, text: string): string {
  return `<${name}>\n${escapeClosingTag(name, text)}\n</${name}>`;
}

// Text quoted from a customer could contain `</conversation>` and so appear to close the
// section early (a prompt-injection vector); the escaped form reads the same to a model but
// is no longer the closing tag.
function escapeClosingTag(name: string, text: string): string {
  return text.replace(new RegExp(`</(${name})>`, 'gi'), '<\\/$1>');
}
