// Function words that carry no topic. Words every document shares ("customer", "asks") are
// left in: BM25's idf already gives them almost no weight.
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each either else ' +
    'ever few for from further get got had has have having he her here hers herself him himself ' +
    'his how i if im in into is it its itself ive just let me more most my myself no nor not now ' +
    'of off ok okay on once only or other our ours ourselves out over own please same she should ' +
    'so some such than that the their theirs them themselves then there these they this those ' +
    'through to too under until up us very was we were what when where which while who whom why ' +
    'will with would yes you your yours yourself yourselves'
  ).split(' '),
);

/**
 * Splits text into index terms: NFKC-normalized, lowercased words of letters and digits,
 * possessive `'s` removed, stop words and one-character words dropped, each word lightly stemmed
 * ({@link stem}).
 */
export function tokenize(text: string): string[] {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/['’]s\b/gu, '')
      .replace(/['’]/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => word.length > 1 && !STOP_WORDS.has(word)).map(stem);
}

/**
 * A light English stemmer: folds plurals (`batteries` → `battery`, `boxes` → `box`), `-ing`
 * and `-ed` (`shipping`, `shipped` → `ship`) and a final `e` (`charge`, `charging` → `charg`),
 * so the common inflections of a word meet. Deliberately conservative: a missed merge costs
 * a little recall in a generous filter, a wrong merge costs precision everywhere.
 */
export function stem(word: string): string {
  if (word.length < 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length <= 3) return w;

  const suffix = /(?:ing|ed)$/.exec(w)?.[0];
  if (suffix !== undefined && !w.endsWith('eed')) {
    const base = w.slice(0, -suffix.length);
    if (base.length >= 3 && /[aeiouy]/.test(base)) {
      w = /([bdfgkmnprt])\1$/.test(base) ? base.slice(0, -1) : base;
    }
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}
