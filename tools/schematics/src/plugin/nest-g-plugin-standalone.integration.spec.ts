import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiServer } from '../testing/api-server';
import { linkDevDependencies } from '../testing/link-dev-dependencies';
import { copyRepository, type RepositoryCopy } from '../testing/repository-copy';
import { runCommand } from '../testing/run-command';

/**
 * An author's spec beside the generated one: a tool whose schemas use `format` keywords, run with the
 * SDK's harness, which checks formats as the server does (ajv-formats).
 */
const FORMATS_SPEC = `import type { PluginDefinition, ToolDefinition } from '@forgesyte/plugin-sdk';
import { createToolHarness } from '@forgesyte/plugin-sdk/testing';

const fetchTool = {
  description: 'Echoes a url and a time.',
  inputSchema: {
    type: 'object',
    properties: { url: { type: 'string', format: 'uri' }, at: { type: 'string', format: 'date-time' } },
    required: ['url', 'at'],
    additionalProperties: false,
  },
  outputSchema: { type: 'object', properties: { url: { type: 'string', format: 'uri' } }, required: ['url'], additionalProperties: false },
} as const satisfies ToolDefinition;
const tools = { fetch: fetchTool } as const;
const plugin: PluginDefinition<typeof tools> = {
  name: 'formats', version: '0.1.0', description: 'Formats.', tools,
  run: (_tool, args) => ({ url: args.url }),
};

describe('format keywords, checked as the server checks them', () => {
  const harness = createToolHarness(plugin);

  it('accepts a uri and a date-time', async () => {
    expect(await harness.run('fetch', { url: 'https://example.com/a', at: '2026-01-02T03:04:05Z' })).toMatchObject({ ok: true, result: { url: 'https://example.com/a' } });
  });

  it('refuses what is neither, with INPUT_INVALID naming each field', async () => {
    const outcome = await harness.run('fetch', { url: 'not a uri', at: 'yesterday' });

    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'INPUT_INVALID', details: { violations: [{ path: '/url', message: 'must match format "uri"' }, { path: '/at', message: 'must match format "date-time"' }] } },
    });
  });
});
`;

/**
 * `npm run g:plugin -- acme-gadget --standalone`, run from a folder beside a copy of the repository
 * (the repository itself is only read), as an author outside the checkout would. The package's
 * devDependencies are linked as `npm install` would install them; then it must build, pass its tests,
 * lint and type-check unchanged, and the copy's API must load it through FORGESYTE_PLUGINS. About 40 s.
 */
describe('nest g plugin acme-gadget --standalone, beside a copy of the repository', () => {
  let copy: RepositoryCopy;
  let pkg: string;

  beforeAll(async () => {
    copy = await copyRepository();
    pkg = join(copy.workspace, 'acme-gadget');
    const cli = join(copy.root, 'tools/schematics/src/cli/generate-plugin.cjs');
    await runCommand(process.execPath, [cli, 'acme-gadget', '--standalone'], { cwd: copy.workspace, timeoutMs: 60_000 });
    await linkDevDependencies(pkg, join(copy.root, 'node_modules'));
    await writeFile(join(pkg, 'src/formats.spec.ts'), FORMATS_SPEC);
  }, 90_000);

  afterAll(() => copy?.remove());

  it('builds to dist/index.js, the package’s main', async () => {
    await runCommand('npm', ['run', 'build'], { cwd: pkg });

    expect(existsSync(join(pkg, 'dist/index.js'))).toBe(true);
  }, 120_000);

  it('passes its tests, the generated ones and one with format keywords, with the SDK harness', async () => {
    const { stderr } = await runCommand('npm', ['test'], { cwd: pkg });

    expect(stderr).toMatch(/Tests:\s+6 passed, 6 total/);
  }, 120_000);

  it('passes its lint: typescript-eslint type-checked and eslint-plugin-forgesyte', async () => {
    await runCommand('npm', ['run', 'lint'], { cwd: pkg });
  }, 120_000);

  it('type-checks with its specs', async () => {
    await runCommand('npm', ['run', 'typecheck'], { cwd: pkg });
  }, 120_000);

  describe('the API of the copy, with FORGESYTE_PLUGINS naming the package', () => {
    let server: ApiServer;

    beforeAll(async () => {
      if (!existsSync(join(pkg, 'dist/index.js'))) await runCommand('npm', ['run', 'build'], { cwd: pkg });
      await runCommand(copy.bin('nest'), ['build', 'api'], { cwd: copy.root });
      server = await ApiServer.start(copy.root, { FORGESYTE_PLUGINS: pkg });
    }, 150_000);

    afterAll(() => server?.stop());

    it('loads it: acme-gadget is listed, initialized, loaded from the package', async () => {
      const { status, body } = await server.request('/v1/plugins/acme-gadget');

      expect(status).toBe(200);
      expect(body).toMatchObject({ name: 'acme-gadget', state: 'INITIALIZED', version: '0.1.0', default_tool: 'analyze' });
    });

    it('executes its tool', async () => {
      const { status, body } = await server.request('/v1/analyze-execution', { plugin: 'acme-gadget', args: { text: 'one two\nthree' } });

      expect(status).toBe(200);
      expect(body).toMatchObject({ plugin: 'acme-gadget', tool: 'analyze', status: 'success', result: { characters: 13, words: 3, lines: 2 } });
    });
  });
});
