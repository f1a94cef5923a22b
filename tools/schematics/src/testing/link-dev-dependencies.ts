import { readFileSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

interface Manifest {
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly bin?: string | Readonly<Record<string, string>>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * What `npm install` does for a package's devDependencies, without a registry: each is linked into
 * the package's node_modules from `registry` (a node_modules folder holding the same pinned versions),
 * a `file:` one from its path, and their binaries into node_modules/.bin. Throws for a dependency
 * `registry` does not have, so a package that forgets one fails here as it would after an install.
 */
export async function linkDevDependencies(packageDir: string, registry: string): Promise<void> {
  const binDir = join(packageDir, 'node_modules/.bin');
  await mkdir(binDir, { recursive: true });
  for (const [name, version] of Object.entries(readManifest(packageDir).devDependencies ?? {})) {
    const target = version.startsWith('file:') ? resolve(packageDir, version.slice('file:'.length)) : join(registry, name);
    const manifest = readManifest(target);
    const link = join(packageDir, 'node_modules', name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(target, link);
    const bins = typeof manifest.bin === 'string' ? { [name.replace(/^@[^/]+\//, '')]: manifest.bin } : (manifest.bin ?? {});
    for (const [bin, file] of Object.entries(bins)) await symlink(join(target, file), join(binDir, bin));
  }
}
