import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const REPO_ROOT = join(__dirname, '..', '..');

/** A production TypeScript file (no specs, no test helpers) with its repo-relative path and text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Every production `.ts` file under the given top-level folders. */
export function productionSources(...folders: string[]): SourceFile[] {
  return folders.flatMap((folder) => walk(join(REPO_ROOT, folder))).map((file) => ({
    path: relative(REPO_ROOT, file),
    text: readFileSync(file, 'utf8'),
  }));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' || entry.name === 'node_modules' ? [] : walk(full);
    return entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name) ? [full] : [];
  });
}
