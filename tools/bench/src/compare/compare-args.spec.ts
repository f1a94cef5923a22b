import { compareArgs } from './compare-args';

describe('compareArgs', () => {
  const usage = 'npm run bench:compare -- <ref> [--rounds 10]';

  it('reads the commit named first and the whole numbers after their flags', () => {
    const args = compareArgs(['ee7b585', '--rounds', '16', '--jobs', '3000'], usage);
    expect(args.ref).toBe('ee7b585');
    expect(args.wholeNumber('--rounds', 10)).toBe(16);
    expect(args.wholeNumber('--jobs', 2000)).toBe(3000);
  });

  it('answers the fallback for a flag not given', () => {
    expect(compareArgs(['HEAD~1'], usage).wholeNumber('--rounds', 10)).toBe(10);
  });

  it('asks for the commit, with the usage, when none is named first', () => {
    expect(() => compareArgs([], usage)).toThrow(`Name the commit to compare with: ${usage}`);
    expect(() => compareArgs(['--rounds', '12'], usage)).toThrow(`Name the commit to compare with: ${usage}`);
  });

  it.each([['0'], ['-3'], ['2.5'], ['many'], [undefined]])('refuses %s after a flag, naming the flag', (value) => {
    const args = compareArgs(['HEAD', '--rounds', ...(value === undefined ? [] : [value])], usage);
    expect(() => args.wholeNumber('--rounds', 10)).toThrow(`--rounds takes a whole number of at least 1 (got '${value}')`);
  });
});
