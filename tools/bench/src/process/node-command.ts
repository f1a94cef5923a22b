import { join } from 'node:path';
import { REPO_ROOT } from '../bench-config';

/** Node flags every bench child runs with: TypeScript through ts-node, path aliases through tsconfig-paths. */
export const TS_NODE_FLAGS: readonly string[] = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

/**
 * The environment of every bench child: the same for all targets, so that process settings are equal
 * (production mode, the repo's tsconfig, nothing inherited that could turn on logging or debugging).
 */
export function childEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', NODE_ENV: 'production', TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json') };
}

/** The absolute path of a bench source file, from `tools/bench/src`. */
export function benchSource(relativePath: string): string {
  return join(REPO_ROOT, 'tools', 'bench', 'src', relativePath);
}
