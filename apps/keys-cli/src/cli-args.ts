/** A command line taken apart: the command, its positional arguments, and its `--flag value` options. */
export interface CliArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, string>;
}

/** Flags that take no value. */
const SWITCHES = new Set(['json', 'help']);

/** Thrown for a command line the CLI cannot read: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses `command [positionals] --flag value --flag=value --switch`. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitOnce(arg.slice(2), '=');
    if (SWITCHES.has(name)) {
      flags.set(name, 'true');
      continue;
    }
    const value = inline ?? argv[(index += 1)];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
    flags.set(name, value);
  }
  return { command: positionals[0], positionals: positionals.slice(1), flags };
}

/** A comma-separated flag as a list (items trimmed, empty ones dropped); undefined when the flag is absent. */
export function listFlag(args: CliArgs, name: string): string[] | undefined {
  const raw = args.flags.get(name);
  return raw === undefined ? undefined : raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** A whole-number flag; undefined when absent. */
export function numberFlag(args: CliArgs, name: string): number | undefined {
  const raw = args.flags.get(name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  return Number(raw);
}

/** Throws when a flag not in `known` was given: a typo must not be ignored. */
export function checkFlags(args: CliArgs, known: readonly string[]): void {
  for (const name of args.flags.keys()) if (!known.includes(name) && !SWITCHES.has(name)) throw new UsageError(`unknown option --${name} for '${args.command}'`);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
