import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiServer } from '../testing/api-server';
import { copyRepository, type RepositoryCopy } from '../testing/repository-copy';
import { runCommand } from '../testing/run-command';

const LIB = 'libs/plugins/acme-widget';

/**
 * `nest g plugin acme-widget`, without `-p`, in a copy of the repository (the repository itself is only read):
 * the Nest CLI asks which project, Enter takes its default, api, whose source root has no list, so the plugin
 * goes to the repository's list. Then what the issue promises of the result, unchanged: the type-check,
 * `npm run lint`, the generated spec, and the API built as `npm start` builds it listing and running the
 * plugin. About a minute.
 */
describe('nest g plugin acme-widget, in a copy of the repository', () => {
  let copy: RepositoryCopy;
  let generated: string;

  beforeAll(async () => {
    copy = await copyRepository();
    const { stdout } = await runCommand(copy.bin('nest'), ['g', 'plugin', 'acme-widget'], { cwd: copy.root, timeoutMs: 60_000, input: '\n' });
    generated = stdout;
  }, 90_000);

  afterAll(() => copy?.remove());

  it('generates the lib and registers it in the repository shipped-plugin list and nest-cli.json', () => {
    expect(generated).toMatch(/Which project would you like to generate to\?.*api \[ Default \]/s);
    expect(generated).toMatch(/UPDATE\S* libs\/shipped-plugins\/src\/shipped-plugins\.ts/); // \S*: the colour codes it prints
    expect(existsSync(join(copy.root, LIB, 'src/acme-widget.plugin.spec.ts'))).toBe(true);
    expect(readFileSync(join(copy.root, 'libs/shipped-plugins/src/shipped-plugins.ts'), 'utf8')).toContain(
      "import acmeWidget from '@forgesyte/plugins/acme-widget';",
    );
    expect(JSON.parse(readFileSync(join(copy.root, 'nest-cli.json'), 'utf8'))).toHaveProperty(['projects', 'acme-widget', 'root'], LIB);
  });

  it('passes the type-check of npm test', async () => {
    await runCommand(copy.bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: copy.root });
  }, 120_000);

  it('passes npm run lint: type-aware ESLint with the governance rules, and the cycle check', async () => {
    await runCommand('npm', ['run', 'lint'], { cwd: copy.root, timeoutMs: 170_000 });
  }, 180_000);

  it('passes its generated spec: valid input, INPUT_INVALID and CANCELLED with the SDK harness', async () => {
    const { stderr } = await runCommand(copy.bin('jest'), ['--selectProjects', 'unit', '--testPathPatterns', LIB], { cwd: copy.root });

    expect(stderr).toMatch(/Tests:\s+4 passed, 4 total/);
  }, 120_000);

  describe('the API, built as npm start builds it', () => {
    let server: ApiServer;

    beforeAll(async () => {
      await runCommand(copy.bin('nest'), ['build', 'api'], { cwd: copy.root });
      server = await ApiServer.start(copy.root);
    }, 150_000);

    afterAll(() => server?.stop());

    it('lists acme-widget at /v1/plugins, initialized, with its tool', async () => {
      const { status, body } = await server.request('/v1/plugins');

      expect(status).toBe(200);
      expect((body as { plugins: unknown[] }).plugins).toContainEqual(
        expect.objectContaining({ name: 'acme-widget', state: 'INITIALIZED', tools: ['analyze'], default_tool: 'analyze' }),
      );
    });

    it('executes its tool', async () => {
      const { status, body } = await server.request('/v1/analyze-execution', { plugin: 'acme-widget', tool: 'analyze', args: { text: 'one two\nthree' } });

      expect({ status, body }).toEqual({
        status: 200,
        body: expect.objectContaining({ plugin: 'acme-widget', tool: 'analyze', status: 'success', result: { characters: 13, words: 3, lines: 2 } }),
      });
    });

    it('refuses input that breaks its schema with INPUT_INVALID', async () => {
      const { status, body } = await server.request('/v1/analyze-execution', { plugin: 'acme-widget', args: { text: 42 } });

      expect(status).toBe(400);
      expect(body).toHaveProperty('error.code', 'INPUT_INVALID');
    });
  });
});
