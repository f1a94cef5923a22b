import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const ESLINT_BIN = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
/** A real controller of the API that holds the PluginRegistry: the easiest place to be tempted. */
const SOURCE = join(REPO_ROOT, 'apps', 'api', 'src', 'plugins', 'plugins.controller.ts');
const BYPASS = [
  '',
  "  @Get(':name/bypass')",
  "  bypass(@Param('name') name: string): unknown {",
  "    return this.registry.find(name)?.plugin?.run('metadata', {}, undefined as never);",
  '  }',
].join('\n');
const LINT_TIMEOUT_MS = 120_000;

interface LintRun {
  readonly status: number | null;
  readonly output: string;
}

/**
 * The controller copied into `folder` (inside the repo, so the root tsconfig and its path aliases apply),
 * with its relative imports pointed back at the originals, optionally with a direct plugin call planted.
 */
function copyController(folder: string, plantBypass: boolean): string {
  const rewritten = readFileSync(SOURCE, 'utf8').replace(/from '(\.{1,2}\/[^']+)'/g, (_match, specifier: string) => {
    const target = relative(folder, resolve(dirname(SOURCE), specifier)).replace(/\\/g, '/');
    return `from '${target.startsWith('.') ? target : `./${target}`}'`;
  });
  const text = plantBypass ? rewritten.replace(/\n}\n?$/, `\n${BYPASS}\n}\n`) : rewritten;
  const file = join(folder, plantBypass ? 'bypassing.controller.ts' : 'plugins.controller.ts');
  writeFileSync(file, text);
  return file;
}

/** `line:column` (1-based, as ESLint prints it) of the first occurrence of `text` in `file`. */
function positionOf(file: string, text: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((each) => each.includes(text));
  return `${line + 1}:${lines[line].indexOf(text) + 1}`;
}

/** Runs the repo's ESLint CLI from the repo root, as `npm run lint` / `npm run lint:governance` do. */
function eslint(...args: string[]): LintRun {
  const run = spawnSync(process.execPath, [ESLINT_BIN, '--no-cache', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: LINT_TIMEOUT_MS });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the governance lint on a copy of a real apps/ file', () => {
  let folder: string;
  let clean: string;
  let planted: string;

  beforeAll(() => {
    folder = mkdtempSync(join(__dirname, '..', 'tmp-integration-'));
    clean = copyController(folder, false);
    planted = copyController(folder, true);
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it(
    'fails `npm run lint:governance` (its config) on a planted plugin.run, with the rule and its advice',
    () => {
      const { status, output } = eslint('-c', 'eslint.governance.config.mjs', planted);

      expect(status).toBe(1);
      expect(output).toContain('forgesyte/no-direct-plugin-run');
      expect(output).toContain('Execute plugins through ToolRunner.run (or PluginExecutionService.execute)');
      expect(output).toContain(`${positionOf(planted, 'this.registry.find(name)?.plugin?.run')}  error  Do not use \`run\` of the plugin`);
    },
    LINT_TIMEOUT_MS,
  );

  it('passes `npm run lint:governance` (its config) on the untouched copy', () => {
    expect(eslint('-c', 'eslint.governance.config.mjs', clean)).toEqual({ status: 0, output: '' });
  }, LINT_TIMEOUT_MS);

  it('fails the full `npm run lint` config on the planted call, and passes it on the untouched copy', () => {
    const failing = eslint(planted);
    const passing = eslint(clean);

    expect(failing.status).toBe(1);
    expect(failing.output).toContain('forgesyte/no-direct-plugin-run');
    expect(passing).toEqual({ status: 0, output: '' });
  }, LINT_TIMEOUT_MS);
});
