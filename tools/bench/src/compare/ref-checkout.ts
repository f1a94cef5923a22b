import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../bench-config';

/** A detached checkout of another commit of this repository, for `npm run bench:compare`. */
export interface RefCheckout {
  /** Its root directory. */
  readonly root: string;
  /** The commit it holds, abbreviated. */
  readonly commit: string;
  /** Removes the checkout (its worktree entry too). */
  remove(): void;
}

/**
 * Checks `ref` (a commit, tag or branch) out as a git worktree in a temporary directory, sharing this
 * checkout's `node_modules` (the dependencies are the same installed packages for both builds: the
 * comparison is of ForgeSyte's code). Throws with git's message when `ref` is unknown.
 */
export function checkOutRef(ref: string): RefCheckout {
  const commit = git('rev-parse', '--short', `${ref}^{commit}`);
  const root = join(mkdtempSync(join(tmpdir(), 'forgesyte-compare-')), commit);
  git('worktree', 'add', '--detach', root, commit);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  const remove = (): void => {
    if (!existsSync(root)) return;
    git('worktree', 'remove', '--force', root);
    rmSync(join(root, '..'), { recursive: true, force: true });
  };
  return { root, commit, remove };
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
