import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
const RUN_TIMEOUT_MS = 60_000;

/**
 * For each file (relative to the repo root), whether ESLint's API, with `config` as `npm run lint` or
 * `npm run lint:governance` loads it, ignores it. In a child process: the configs are ES modules.
 */
function ignoredBy(config: string, files: readonly string[]): boolean[] {
  const script = [
    "import { ESLint } from 'eslint';",
    `const eslint = new ESLint({ cwd: ${JSON.stringify(REPO_ROOT)}, overrideConfigFile: ${JSON.stringify(config)} });`,
    `const files = ${JSON.stringify(files)};`,
    'console.log(JSON.stringify(await Promise.all(files.map((file) => eslint.isPathIgnored(file)))));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  if (run.status !== 0) throw new Error(`ESLint could not load ${config}: ${run.stderr}`);
  return JSON.parse(run.stdout) as boolean[];
}

describe('the lint configs', () => {
  const files = [
    'dist/apps/api/apps/api/src/main.js',
    'plugins-wip/grey-mean/dist/index.js',
    'plugins-wip/grey-mean/dist/grey-mean.plugin.d.ts',
    'libs/plugins/image-inspect/dist/index.js',
    'plugins-wip/grey-mean/src/grey-mean.plugin.ts',
    'plugins-wip/grey-mean/types/plugin-sdk/testing/tool-harness.js',
    'apps/api/src/main.ts',
    'libs/plugins/image-inspect/src/index.ts',
  ];

  it.each([['eslint.config.mjs'], ['eslint.governance.config.mjs']])(
    "%s ignores every dist/ and the standalone packages under plugins-wip/ (each linted by its own config, after its own npm install), and still lints the repository's sources",
    (config) => {
      expect(ignoredBy(config, files)).toEqual([true, true, true, true, true, true, false, false]);
    },
    RUN_TIMEOUT_MS,
  );
});
