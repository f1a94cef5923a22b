import { join } from 'node:path';
import { main } from '@angular-devkit/schematics-cli/bin/schematics';
import schema from '../plugin/schema.json';
import { pluginArgv } from './plugin-argv';

/** This package's collection, named by path so the command works from any folder. */
const COLLECTION = join(__dirname, '../../collection.json');

/**
 * Runs this collection's `plugin` schematic through the schematics CLI with `args` as an author types
 * them (`acme-widget --tool scan --spec false`). Resolves to the CLI's exit code.
 */
export function runPluginCli(args: readonly string[]): Promise<number> {
  return main({ args: [`${COLLECTION}:plugin`, ...pluginArgv(args, schema)] });
}

/** {@link runPluginCli} on this process's arguments, setting its exit code. */
export async function runPluginCliFromProcess(): Promise<void> {
  try {
    process.exitCode = await runPluginCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
