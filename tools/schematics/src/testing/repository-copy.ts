import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FORGESYTE_ROOT } from '../plugin/forgesyte-checkout';

/** A throw-away copy of the repository, in the system's temporary folder. */
export interface RepositoryCopy {
  /** The copy's root folder. */
  readonly root: string;
  /** The temporary folder holding it, free for siblings (a standalone package, say). */
  readonly workspace: string;
  /** Path of a binary of the copy's node_modules/.bin. */
  bin(name: string): string;
  /** Deletes the whole temporary folder. */
  remove(): Promise<void>;
}

/**
 * Copies the working tree's files (what git tracks, and the untracked files it does not ignore, as
 * they are now) to a temporary folder, and gives the copy a node_modules of links to the
 * repository's packages, as `npm install` would lay it out: `@forgesyte/schematics` links to the
 * copy's own tools/schematics. The repository itself is only read.
 */
export async function copyRepository(source: string = FORGESYTE_ROOT): Promise<RepositoryCopy> {
  const workspace = await mkdtemp(join(tmpdir(), 'forgesyte-schematics-'));
  const root = join(workspace, 'forgesyte');
  const remove = () => rm(workspace, { recursive: true, force: true });
  try {
    await copyFiles(source, root);
    await linkNodeModules(join(source, 'node_modules'), join(root, 'node_modules'));
  } catch (error) {
    await remove();
    throw error;
  }
  return { root, workspace, bin: (name) => join(root, 'node_modules/.bin', name), remove };
}

/** Copies what git tracks, and the untracked files it does not ignore, from `source` to `root`. */
async function copyFiles(source: string, root: string): Promise<void> {
  const listing = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: source, encoding: 'utf8' });
  for (const file of listing.split('\0').filter((path) => path !== '' && existsSync(join(source, path)))) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await copyFile(join(source, file), join(root, file));
  }
}

async function linkNodeModules(from: string, to: string): Promise<void> {
  await mkdir(join(to, '@forgesyte'), { recursive: true });
  for (const entry of await readdir(from)) {
    if (entry !== '@forgesyte') await symlink(join(from, entry), join(to, entry));
  }
  await symlink('../../tools/schematics', join(to, '@forgesyte/schematics'));
}
