/** At most this many phrases per reply: enough to pin the answer, few enough to survive rewording. */
const MAX_PHRASES = 3;

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/;

/**
 * Phrases a reply must keep for a test to call it the same answer, in the order the reply shows
 * them: identifiers and amounts it states (a token with a digit and a letter, `VM-10423`, or a
 * currency amount, `$129.99`), and short values of this turn's tool calls — arguments and
 * results — that it repeats (`4411`, `shipped`, `UPS`). Bare numbers and dates are left out:
 * they move with today.
 */
export function keyPhrases(reply: string, evidence: readonly unknown[]): string[] {
  const found: { phrase: string; at: number }[] = [];
  const add = (phrase: string, at: number) => {
    const lower = phrase.toLowerCase();
    if (phrase.length < 2 || found.some((item) => item.phrase.toLowerCase() === lower)) return;
    found.push({ phrase, at });
  };
  for (const match of reply.matchAll(/[\p{L}\p{N}$€£#]*\p{N}[\p{L}\p{N}.,:/-]*/gu)) {
    const token = match[0].replace(/[.,:/-]+$/, '');
    if (/\p{L}/u.test(token) || /^[$€£]|\d[.,]\d{2}$/.test(token)) add(token, match.index);
  }
  const lowerReply = reply.toLowerCase();
  for (const value of leafValues(evidence)) {
    if (value.length > 40 || DATE_LIKE.test(value)) continue;
    const at = indexOfWord(lowerReply, value.toLowerCase());
    if (at !== -1) add(reply.slice(at, at + value.length), at);
  }
  return found
    .sort((a, b) => a.at - b.at)
    .slice(0, MAX_PHRASES)
    .map((item) => item.phrase);
}

/** Where `word` stands in `text` as a whole word (not inside another), or -1. */
function indexOfWord(text: string, word: string): number {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if (!isWordChar(before) && !isWordChar(after)) return at;
  }
  return -1;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function leafValues(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value.trim());
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) leafValues(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) leafValues(item, out);
  }
  return out;
}
