import { ConfigurationError } from '../errors/errors.js';
import type { ModelMessage } from '../model/language-model.js';
import {
  assertSectionName,
  normalizeContent,
  renderSection,
  type SectionContent,
} from './section-format.js';
import { countMessageTokens, type Tokenizer } from './tokenizer.js';

/**
 * `static`: identical on every turn (instructions, examples, output format) — placed first so
 * providers' prompt caches can reuse it. `dynamic`: changes per turn (conversation, candidate
 * guidelines, variables) — placed last.
 */
export type SectionKind = 'static' | 'dynamic';

/** One named part of a prompt. */
export interface PromptSection {
  /**
   * Unique within the prompt; also the section's tag (`<name>…</name>`), so lowercase words
   * joined by `-` or `_`, e.g. `current-guidelines`.
   */
  name: string;
  /** Text or lines of text; missing, empty or whitespace-only content skips the section. */
  content?: SectionContent;
  /** Whether the section is the same on every call (see {@link SectionKind}). */
  kind: SectionKind;
  /** Message role the section goes into. Default: `system` for static, `user` for dynamic. */
  role?: ModelMessage['role'];
}

interface ResolvedSection {
  name: string;
  text: string;
  kind: SectionKind;
  role: ModelMessage['role'];
}

/**
 * Builds a prompt from named sections, static sections first.
 *
 * Immutable: `section()` returns a new builder, so a prompt holding only the static sections
 * can be built once and extended per call without the calls affecting each other.
 *
 * Layout of {@link PromptBuilder.build}: sections are ordered static first, then dynamic, each
 * kind in insertion order. Consecutive sections with the same kind and role share one message
 * (separated by a blank line); static and dynamic content never share a message, and the last
 * static message carries `cacheBreakpoint: true`. With default roles that is one `system`
 * message (static) and one `user` message (dynamic).
 */
export class PromptBuilder {
  #sections: readonly ResolvedSection[] = [];
  #names: ReadonlySet<string> = new Set();

  /**
   * A new builder with `section` added. A section without content is not rendered, but its
   * name is still taken. Throws a `ConfigurationError` for an invalid or duplicate name.
   */
  section(section: PromptSection): PromptBuilder {
    assertSectionName(section.name);
    if (this.#names.has(section.name)) {
      throw new ConfigurationError(`Duplicate prompt section '${section.name}'`);
    }
    const text = normalizeContent(section.content);
    const names = new Set(this.#names).add(section.name);
    if (text === undefined) return this.#with(this.#sections, names);
    const role = section.role ?? (section.kind === 'static' ? 'system' : 'user');
    return this.#with(
      [...this.#sections, { name: section.name, text, kind: section.kind, role }],
      names,
    );
  }

  /** Names of the sections that will be rendered, in prompt order (empty ones are left out). */
  sectionNames(): string[] {
    return this.#ordered().map((section) => section.name);
  }

  /** The prompt as messages, laid out as described on {@link PromptBuilder}. */
  build(): ModelMessage[] {
    const groups: { kind: SectionKind; role: ModelMessage['role']; blocks: string[] }[] = [];
    for (const section of this.#ordered()) {
      const block = renderSection(section.name, section.text);
      const last = groups.at(-1);
      if (last !== undefined && last.kind === section.kind && last.role === section.role) {
        last.blocks.push(block);
      } else {
        groups.push({ kind: section.kind, role: section.role, blocks: [block] });
      }
    }
    const lastStatic = groups.findLastIndex((group) => group.kind === 'static');
    return groups.map((group, index) => {
      const message: ModelMessage = { role: group.role, content: group.blocks.join('\n\n') };
      if (index === lastStatic) message.cacheBreakpoint = true;
      return message;
    });
  }

  /**
   * Tokens of the built prompt, message overhead included (see `countMessageTokens`).
   * The default tokenizer (`o200kTokenizer`) needs `loadTokenizer()` to have resolved.
   */
  tokenCount(tokenizer?: Tokenizer): number {
    return countMessageTokens(this.build(), tokenizer);
  }

  /**
   * The built prompt as plain text, for logs, recordings and snapshot tests: each message
   * under a `[role]` line, and a `[cache breakpoint]` line after the cached prefix.
   */
  render(): string {
    return this.build()
      .map(
        (message) =>
          `[${message.role}]\n${message.content}${message.cacheBreakpoint ? '\n[cache breakpoint]' : ''}`,
      )
      .join('\n\n');
  }

  #with(sections: readonly ResolvedSection[], names: ReadonlySet<string>): PromptBuilder {
    const next = new PromptBuilder();
    next.#sections = sections;
    next.#names = names;
    return next;
  }

  #ordered(): ResolvedSection[] {
    return [
      ...this.#sections.filter((section) => section.kind === 'static'),
      ...this.#sections.filter((section) => section.kind === 'dynamic'),
    ];
  }
}

/** An empty {@link PromptBuilder}. */
export function createPrompt(): PromptBuilder {
  return new PromptBuilder();
}
