/** A comparison's command line: the commit to compare with, then whole-number flags. */
export interface CompareArgs {
  readonly ref: string;
  /** The whole number (at least 1) after `flag`, or `fallback` when the flag is absent. */
  readonly wholeNumber: (flag: string, fallback: number) => number;
}

/** Reads `<ref> [--flag N]...`; throws `usage` when no commit is named first. */
export function compareArgs(args: readonly string[], usage: string): CompareArgs {
  const [ref, ...rest] = args;
  if (ref === undefined || ref.startsWith('--')) throw new Error(`Name the commit to compare with: ${usage}`);
  const wholeNumber = (flag: string, fallback: number): number => {
    const at = rest.indexOf(flag);
    if (at === -1) return fallback;
    const value = Number(rest[at + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a whole number of at least 1 (got '${rest[at + 1]}')`);
    return value;
  };
  return { ref, wholeNumber };
}
