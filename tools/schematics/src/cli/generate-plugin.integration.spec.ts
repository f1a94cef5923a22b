import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { commandEnv } from '../testing/run-command';

const REPO_ROOT = join(__dirname, '../../../..');
const RUN_TIMEOUT_MS = 60_000;

/** `npm run g:plugin -- <args> --dry-run` in the repository (a dry run writes nothing), without a terminal. */
function gPlugin(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('npm', ['run', '--silent', 'g:plugin', '--', ...args, '--dry-run'], {
    cwd: REPO_ROOT,
    env: commandEnv(),
    encoding: 'utf8',
    input: '',
    timeout: RUN_TIMEOUT_MS,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('npm run g:plugin, without a terminal', () => {
  it(
    'generates with no question asked, exits 0 and prints the one-spec test command',
    () => {
      const { status, output } = gPlugin('zz-probe-plugin');

      expect(output).toMatch(/CREATE\S* libs\/plugins\/zz-probe-plugin\/src\/zz-probe-plugin\.plugin\.ts/); // \S*: the colour codes it prints
      expect(output).toContain('npx jest --selectProjects unit --testPathPatterns libs/plugins/zz-probe-plugin/');
      expect(status).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  it.each([
    ['a name that is taken', ['image-inspect'], 'A plugin named "image-inspect" already exists'],
    ['a name that is not allowed', ['Grey-Mean'], 'Plugin name "Grey-Mean" is not allowed'],
    ['an option value the schema refuses', ['zz-probe-plugin', '--isolation', 'thread'], 'Allowed values are: "inline", "worker"'],
  ])(
    'exits non-zero when the schematic fails (%s), printing why',
    (_, args, message) => {
      const { status, output } = gPlugin(...args);

      expect(output).toContain(message);
      expect(status).toBe(1);
    },
    RUN_TIMEOUT_MS,
  );
});
