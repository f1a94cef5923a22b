/** The words of `text`: its runs of non-whitespace characters, in order. */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

/**
 * The word-level edit distance between two word lists: the fewest word substitutions, insertions and
 * deletions that turn `expected` into `actual` (Levenshtein over words; words compare exactly).
 */
export function wordEditDistance(expected: readonly string[], actual: readonly string[]): number {
  let previous = Array.from({ length: actual.length + 1 }, (_, index) => index);
  for (let row = 1; row <= expected.length; row++) {
    const current = [row];
    for (let column = 1; column <= actual.length; column++) {
      const substitution = previous[column - 1] + (expected[row - 1] === actual[column - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[column] + 1, current[column - 1] + 1));
    }
    previous = current;
  }
  return previous[actual.length];
}

/**
 * Word accuracy of an OCR result against the known text: `1 - edits / expectedWords` (one minus the word
 * error rate), clamped at 0. Whitespace and line breaks do not count; case and punctuation do.
 */
export function wordAccuracy(expectedText: string, actualText: string): number {
  const expected = wordsOf(expectedText);
  if (expected.length === 0) throw new Error('wordAccuracy needs an expected text with at least one word.');
  return Math.max(0, 1 - wordEditDistance(expected, wordsOf(actualText)) / expected.length);
}
