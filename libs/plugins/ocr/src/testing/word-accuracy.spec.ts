import { wordAccuracy, wordEditDistance, wordsOf } from './word-accuracy';

describe('wordsOf', () => {
  it('splits on any whitespace, line breaks included, and drops empty words', () => {
    expect(wordsOf('  The quick\nbrown\t fox. ')).toEqual(['The', 'quick', 'brown', 'fox.']);
  });

  it('finds no word in an empty or blank text', () => {
    expect(wordsOf('')).toEqual([]);
    expect(wordsOf(' \n ')).toEqual([]);
  });
});

describe('wordEditDistance', () => {
  it('is 0 for identical word lists', () => {
    expect(wordEditDistance(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(0);
  });

  it('counts one substitution, one insertion and one deletion as one edit each', () => {
    expect(wordEditDistance(['a', 'b', 'c'], ['a', 'x', 'c'])).toBe(1);
    expect(wordEditDistance(['a', 'b', 'c'], ['a', 'b', 'x', 'c'])).toBe(1);
    expect(wordEditDistance(['a', 'b', 'c'], ['a', 'c'])).toBe(1);
  });

  it('is the length of the other list when one list is empty', () => {
    expect(wordEditDistance([], ['a', 'b'])).toBe(2);
    expect(wordEditDistance(['a', 'b', 'c'], [])).toBe(3);
  });

  it('finds the cheapest alignment, not a position-by-position comparison', () => {
    // A word dropped at the start shifts every later word: position by position that is 4 mismatches.
    expect(wordEditDistance(['the', 'quick', 'brown', 'fox'], ['quick', 'brown', 'fox'])).toBe(1);
  });
});

describe('wordAccuracy', () => {
  const expected = 'one two three four five six seven eight nine ten';

  it('is 1 for the same words, whatever the whitespace between them', () => {
    expect(wordAccuracy(expected, 'one two three four five\nsix  seven eight nine ten\n')).toBe(1);
  });

  it('loses a tenth for one misread word out of ten', () => {
    expect(wordAccuracy(expected, 'one two three f0ur five six seven eight nine ten')).toBeCloseTo(0.9);
  });

  it('counts case and punctuation differences as misreads', () => {
    expect(wordAccuracy('The dog.', 'the dog')).toBe(0);
  });

  it('never goes below 0, even for a result much longer than the text', () => {
    expect(wordAccuracy('one two', 'a b c d e f g')).toBe(0);
  });

  it('refuses an expected text without words', () => {
    expect(() => wordAccuracy(' ', 'anything')).toThrow('at least one word');
  });
});
