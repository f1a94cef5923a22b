import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../bench-config';
import { checkOutRef } from './ref-checkout';

const worktrees = (): string => execFileSync('git', ['worktree', 'list'], { cwd: REPO_ROOT, encoding: 'utf8' });

describe(checkOutRef.name, () => {
  it('checks a commit out beside this checkout, sharing its node_modules, and removes it without a trace', () => {
    const checkout = checkOutRef('HEAD');
    try {
      expect(checkout.commit).toMatch(/^[0-9a-f]{7,}$/);
      expect(readFileSync(join(checkout.root, 'package.json'), 'utf8')).toContain('"name": "forgesyte"');
      expect(existsSync(join(checkout.root, 'node_modules', 'typescript'))).toBe(true);
      expect(worktrees()).toContain(checkout.root);
    } finally {
      checkout.remove();
    }
    expect(existsSync(checkout.root)).toBe(false);
    expect(worktrees()).not.toContain(checkout.root);
  });

  it('refuses a ref that names no commit, with git saying so', () => {
    expect(() => checkOutRef('no-such-ref-anywhere')).toThrow(/no-such-ref-anywhere/);
  });
});
