import { hostname, userInfo } from 'node:os';
import { ForgeSyteError } from '@forgesyte/errors';
import { ConfigError, type Env, keysOptions, loadEngineConfig } from '@forgesyte/engine';
import { ApiKeyService, type KeyActor, type KeyScope, openKeyStore } from '@forgesyte/keys';
import { checkFlags, type CliArgs, listFlag, numberFlag, parseCliArgs, UsageError } from './cli-args';
import { auditLine, keyLines } from './key-lines';

/** Where the CLI writes: results to `out`, problems to `err`. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `Manage ForgeSyte's stored API keys, in the store the server uses (FORGESYTE_JOB_STORE, FORGESYTE_DATA_DIR, REDIS_URL).

  npm run keys -- create --name <name> --scopes <s1,s2> [--plugins <p1,p2>] [--tools <plugin.tool,…>]
                         [--expires-at <ISO 8601>] [--rate-per-minute <n>] [--max-queued <n>]
  npm run keys -- list [--limit <n>] [--cursor <id>]
  npm run keys -- show <id>
  npm run keys -- revoke <id>
  npm run keys -- rotate <id>
  npm run keys -- audit [--limit <n>] [--cursor <seq>]

Scopes: admin, analyze, jobs:read, plugins:read, metrics:read, keys:manage. Add --json for JSON output.
The key itself is printed once, by create and rotate: store it then.`;

/**
 * Runs one CLI command against the configured key store, without HTTP. Returns the exit code: 0 done,
 * 1 refused (bad input, unknown key, store unreachable, bad configuration), 2 a command line it cannot read.
 */
export async function runKeysCli(argv: readonly string[], env: Env, io: CliOutput): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
    if (args.command === undefined || args.flags.has('help')) {
      io.out(USAGE);
      return args.command === undefined ? 2 : 0;
    }
    if (!Object.hasOwn(COMMANDS, args.command)) unknownCommand(args.command);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let service: ApiKeyService | undefined;
  try {
    const options = keysOptions(loadEngineConfig(env));
    if (options.store?.kind === 'memory') {
      throw new ConfigError('FORGESYTE_JOB_STORE', "is 'memory': keys then live in the server's memory only, out of this command's reach. Use sqlite (the default) or redis.");
    }
    // The CLI manages keys and exits: it loads no keys, and neither watches nor polls the store.
    service = ApiKeyService.manage(await openKeyStore(options.store), options);
    await COMMANDS[args.command](service, args, io);
    return 0;
  } catch (error) {
    io.err(problemText(error));
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await service?.close().catch(() => undefined);
  }
}

type Command = (service: ApiKeyService, args: CliArgs, io: CliOutput) => Promise<void>;

const COMMANDS: Readonly<Record<string, Command>> = {
  create: async (service, args, io) => {
    checkFlags(args, ['name', 'scopes', 'plugins', 'tools', 'expires-at', 'rate-per-minute', 'max-queued']);
    const ratePerMinute = numberFlag(args, 'rate-per-minute');
    const maxQueued = numberFlag(args, 'max-queued');
    const limits = ratePerMinute === undefined && maxQueued === undefined ? undefined : { ratePerMinute, maxQueued };
    const created = await service.create(
      {
        name: args.flags.get('name') ?? '',
        scopes: (listFlag(args, 'scopes') ?? []) as KeyScope[],
        plugins: listFlag(args, 'plugins'),
        tools: listFlag(args, 'tools'),
        limits: limits === undefined ? undefined : withoutUndefined(limits),
        expiresAt: args.flags.get('expires-at'),
      },
      cliActor(),
    );
    if (args.flags.has('json')) return io.out(JSON.stringify(created, null, 2));
    io.out([...keyLines(created.record), '', 'Key (shown this once: store it now):', created.key].join('\n'));
  },
  list: async (service, args, io) => {
    checkFlags(args, ['limit', 'cursor']);
    const page = await service.list({ limit: numberFlag(args, 'limit') ?? 100, cursor: args.flags.get('cursor') });
    if (args.flags.has('json')) return io.out(JSON.stringify(page, null, 2));
    const lines = page.items.flatMap((record) => keyLines(record));
    if (page.items.length === 0) lines.push('No stored keys.');
    if (page.nextCursor !== null) lines.push('', `More: npm run keys -- list --cursor ${page.nextCursor}`);
    io.out(lines.join('\n'));
  },
  show: async (service, args, io) => {
    checkFlags(args, []);
    const id = oneId(args);
    const record = await service.get(id);
    if (record === undefined) throw new UsageError(`no stored key '${id}': see npm run keys -- list`);
    io.out(args.flags.has('json') ? JSON.stringify(record, null, 2) : keyLines(record).join('\n'));
  },
  revoke: async (service, args, io) => {
    checkFlags(args, []);
    const record = await service.revoke(oneId(args), cliActor());
    io.out(args.flags.has('json') ? JSON.stringify(record, null, 2) : [...keyLines(record), '', 'Revoked: refused by every server within a second.'].join('\n'));
  },
  rotate: async (service, args, io) => {
    checkFlags(args, []);
    const rotated = await service.rotate(oneId(args), cliActor());
    if (args.flags.has('json')) return io.out(JSON.stringify(rotated, null, 2));
    io.out([...keyLines(rotated.record), '', 'New key (shown this once: store it now; the old one keeps working for the rotation grace):', rotated.key].join('\n'));
  },
  audit: async (service, args, io) => {
    checkFlags(args, ['limit', 'cursor']);
    const page = await service.audit({ limit: numberFlag(args, 'limit') ?? 100, cursor: args.flags.get('cursor') });
    if (args.flags.has('json')) return io.out(JSON.stringify(page, null, 2));
    const lines = page.items.map(auditLine);
    if (page.nextCursor !== null) lines.push('', `More: npm run keys -- audit --cursor ${page.nextCursor}`);
    io.out(lines.length === 0 ? 'No audit entries.' : lines.join('\n'));
  },
};

function unknownCommand(command: string): never {
  throw new UsageError(`unknown command '${command}': use one of ${Object.keys(COMMANDS).join(', ')}`);
}

function oneId(args: CliArgs): string {
  if (args.positionals.length !== 1) throw new UsageError(`'${String(args.command)}' takes one key id (k…), such as: npm run keys -- ${String(args.command)} k0123456789abcdef0123`);
  return args.positionals[0];
}

/** Who the audit says made a change: the operator's user and machine. */
function cliActor(): KeyActor {
  return { id: 'cli', name: `${userInfo().username}@${hostname()}` };
}

/** A refusal as the operator should read it: the message, and each bad field on its own line. */
function problemText(error: unknown): string {
  if (error instanceof UsageError) return `${error.message}\n\n${USAGE}`;
  if (error instanceof ConfigError) return `Invalid configuration: ${error.message}`;
  if (!(error instanceof ForgeSyteError)) return `error: ${error instanceof Error ? error.message : String(error)}`;
  const violations = error.details.violations;
  const lines = Array.isArray(violations) ? violations.map((each: { path: string; message: string }) => `  ${each.path} ${each.message}`) : [];
  return [`error (${error.code}): ${error.message}`, ...lines].join('\n');
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as T;
}
