import { join } from 'node:path';
import { REPO_ROOT } from '../bench-config';

/** Node flags that run the bench from its TypeScript (as `npm run bench` does): ts-node, path aliases through tsconfig-paths. */
export const TS_NODE_FLAGS: readonly string[] = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

/**
 * {@link TS_NODE_FLAGS}, then the libs' and the bench's TypeScript compiled through an on-disk cache
 * (process/cached-compile.register.cjs): what every bench child process runs with.
 */
export const CHILD_NODE_FLAGS: readonly string[] = childNodeFlags(REPO_ROOT);

/** {@link CHILD_NODE_FLAGS} of a checkout at `root` (another build of ForgeSyte, for `npm run bench:compare`). */
export function childNodeFlags(root: string): readonly string[] {
  return [...TS_NODE_FLAGS, '-r', benchSource('process/cached-compile.register.cjs', root)];
}

/**
 * The environment of every bench child: the same for all targets, so that process settings are equal
 * (production mode, the repo's tsconfig, nothing inherited that could turn on logging or debugging).
 */
export function childEnv(root = REPO_ROOT): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', NODE_ENV: 'production', TS_NODE_PROJECT: join(root, 'tsconfig.json') };
}

/** The absolute path of a bench source file, from `tools/bench/src` (of the checkout at `root`). */
export function benchSource(relativePath: string, root = REPO_ROOT): string {
  return join(root, 'tools', 'bench', 'src', relativePath);
}
