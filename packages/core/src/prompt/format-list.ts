/**
 * A bulleted list, one item per line (`- first`). Continuation lines of multi-line items are
 * indented under the item's text. An empty list gives `''`, so a section built from it is
 * skipped.
 */
export function formatList(items: readonly string[]): string {
  return formatMarkedList(items, () => '-');
}

/** Options of {@link formatNumberedList}. */
export interface NumberedListOptions {
  /** Number of the first item. Default `1`. */
  start?: number;
}

/**
 * A numbered list (`1. first`), one item per line, multi-line items indented like
 * {@link formatList}. Narrow tasks number their items this way so the model answers with small
 * local numbers instead of ids (bound them with `itemNumberSchema`); map the answers back with
 * {@link itemAtLocalIndex}.
 */
export function formatNumberedList(
  items: readonly string[],
  options: NumberedListOptions = {},
): string {
  const start = options.start ?? 1;
  return formatMarkedList(items, (index) => `${start + index}.`);
}

/**
 * A list whose items carry the marker `marker(index)` (0-based index), e.g. `A.` for the
 * earlier steps of a journey or `a)` for the options under an item. One item per line;
 * continuation lines are indented by the marker's width, so they can never be read as an item
 * of their own. {@link formatList} and {@link formatNumberedList} are this list with `-` and
 * `1.` markers.
 */
export function formatMarkedList(
  items: readonly string[],
  marker: (index: number) => string,
): string {
  return items.map((item, index) => prefixItem(`${marker(index)} `, item)).join('\n');
}

/**
 * The item a model referred to by its local number in a {@link formatNumberedList} list, or
 * `undefined` when the number is not an integer in range (models do invent numbers).
 */
export function itemAtLocalIndex<T>(
  items: readonly T[],
  localIndex: number,
  start = 1,
): T | undefined {
  if (!Number.isInteger(localIndex)) return undefined;
  const index = localIndex - start;
  return index >= 0 && index < items.length ? items[index] : undefined;
}

function prefixItem(prefix: string, item: string): string {
  const indent = ' '.repeat(prefix.length);
  return prefix + item.split('\n').join(`\n${indent}`);
}
