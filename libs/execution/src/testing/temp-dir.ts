import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir for one spec file, and a `remove()` for its `afterAll`. */
export function makeTempDir(label: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `forgesyte-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
