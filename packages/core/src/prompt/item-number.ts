import { z } from 'zod';

/** Options of {@link itemNumberSchema}. */
export interface ItemNumberOptions {
  /** What the numbered things are called in the validation message. Default `item`. */
  noun?: string;
  /** What the prompt did with them: "item 7 was not asked". Default `asked`. */
  verb?: string;
  /** Whether `0` is also valid, meaning "none of them". Default `false`. */
  zeroForNone?: boolean;
  /** The description the JSON schema shows. Default `item number`; `null` for none. */
  description?: string | null;
}

/**
 * The local number of an item in an answer, for a list of `size` items numbered from 1 (see
 * `formatNumberedList`): the JSON schema shows the bounds to the model, and validation enforces
 * them, so an answer about an item that was not shown fails validation with a message that
 * says the range (the model port's repair attempt can then fix it) instead of being guessed
 * at. Without `size`, any integer (the shape of the schema, for documentation and types).
 */
export function itemNumberSchema(
  size: number | undefined,
  options: ItemNumberOptions = {},
): z.ZodNumber {
  let schema = z.number().int();
  if (size !== undefined) {
    const noun = options.noun ?? 'item';
    const none = options.zeroForNone === true ? ' (0 = none)' : '';
    const error = (issue: { input: unknown }) =>
      `${noun} ${String(issue.input)} was not ${options.verb ?? 'asked'}: the ${noun}s are numbered 1 to ${size}${none}`;
    schema = schema.min(options.zeroForNone === true ? 0 : 1, { error }).max(size, { error });
  }
  const description = options.description === undefined ? 'item number' : options.description;
  return description === null ? schema : schema.describe(description);
}
