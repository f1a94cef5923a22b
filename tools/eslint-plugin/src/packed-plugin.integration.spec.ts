import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { editorSettings } from './testing/editor-settings';
import { createFreshPluginPackage, type FreshPluginPackage, PLUGIN_PACKAGE_ESLINT_CONFIG, VIOLATING_FILE } from './testing/fresh-plugin-package';
import { LspClient } from './testing/lsp-client';

const SETUP_TIMEOUT_MS = 180_000;
const LINT_TIMEOUT_MS = 60_000;
const EDITOR_TIMEOUT_MS = 60_000;
const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const RULE_NAMES = readdirSync(join(__dirname, 'rules'))
  .map((file) => /^(?<name>[a-z-]+)\.rule\.ts$/.exec(file)?.groups?.name)
  .filter((name): name is string => name !== undefined);
const LANGUAGE_SERVER = join(__dirname, '..', '..', '..', 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');
const PLUGIN_ADVICE = "Do not use `run` of the plugin `other`: plugins never call each other's `run`, only the ForgeSyte server does.";

interface Diagnostic {
  readonly message: string;
  readonly code: string;
  readonly severity: number;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
  readonly codeDescription?: { readonly href: string };
}

/** Opens the violating file in `vscode-eslint-language-server` as an editor does and pulls its diagnostics. */
async function diagnosticsInEditor(dir: string, settings: Record<string, unknown>): Promise<{ items: Diagnostic[]; log: string[] }> {
  const client = new LspClient(LANGUAGE_SERVER, dir);
  try {
    const root = pathToFileURL(dir).href;
    client.onRequest('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => settings));
    await client.request('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'acme-greeter' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { diagnostic: {}, publishDiagnostics: {} } },
    });
    client.notify('initialized', {});
    const uri = pathToFileURL(join(dir, VIOLATING_FILE.path)).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: VIOLATING_FILE.text } });
    const report = (await client.request('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[] };
    const log = client.notifications.filter((each) => each.method === 'window/logMessage').map((each) => (each.params as { message: string }).message);
    return { items: report.items, log };
  } finally {
    await client.stop();
  }
}

describe('eslint-plugin-forgesyte packed (`npm pack`) and installed in a fresh plugin package', () => {
  let fresh: FreshPluginPackage;

  beforeAll(() => {
    fresh = createFreshPluginPackage();
  }, SETUP_TIMEOUT_MS);

  afterAll(() => fresh?.remove());

  it('packs the compiled rules, their docs and its entry, and no TypeScript source', () => {
    const { files } = fresh.packed;

    expect(files.filter((file) => !file.startsWith('dist/') && !file.startsWith('docs/'))).toEqual(['README.md', 'index.cjs', 'package.json']);
    for (const name of RULE_NAMES) {
      expect(files).toContain(`dist/rules/${name}.rule.js`);
      expect(files).toContain(`docs/rules/${name}.md`);
    }
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
    expect(existsSync(join(__dirname, '..', 'dist'))).toBe(false);
  });

  it('installs with its own dependency and its peers, and loads its compiled entry', () => {
    const installed = join(fresh.dir, 'node_modules', 'eslint-plugin-forgesyte');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;

    expect(manifest.dependencies).toEqual({ '@typescript-eslint/utils': '8.72.0' });
    expect(manifest.peerDependencies).toEqual({ eslint: '^10.0.0', typescript: '5.9.3' });
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(installed, 'dist', 'index.js'))).toBe(true);
  });

  it(
    "reports a call to another plugin's run in `npx eslint .` with the README's config, and the plugin author's advice",
    () => {
      expect(README).toContain(PLUGIN_PACKAGE_ESLINT_CONFIG);

      const lint = spawnSync('npx', ['--no', 'eslint', '.'], { cwd: fresh.dir, encoding: 'utf8', timeout: LINT_TIMEOUT_MS });
      const output = `${lint.stdout}${lint.stderr}`;

      expect(lint.status).toBe(1);
      expect(output).toContain(join(fresh.dir, VIOLATING_FILE.path));
      expect(output).toContain(`${VIOLATING_FILE.line}:${VIOLATING_FILE.column}  error  ${PLUGIN_ADVICE}`);
      expect(output).toContain("test your tools with the SDK's test harness (@forgesyte/plugin-sdk/testing)");
      expect(output).toContain('forgesyte/no-direct-plugin-run');
      expect(output).toContain('1 problem (1 error, 0 warnings)');
      // The product's advice names a ToolRunner the package does not have; typed linting needs no name guess.
      expect(output).not.toContain('ToolRunner.run');
      expect(output).not.toContain('judged a plugin by its name');
    },
    LINT_TIMEOUT_MS,
  );

  describe('in an editor: vscode-eslint-language-server over LSP', () => {
    it(
      'shows the diagnostic with the README settings (experimental.useFlatConfig false), linked to the rule page',
      async () => {
        const { items } = await diagnosticsInEditor(fresh.dir, editorSettings(fresh.dir));

        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({
          code: 'forgesyte/no-direct-plugin-run',
          severity: 1,
          range: { start: { line: VIOLATING_FILE.line - 1, character: VIOLATING_FILE.column - 1 } },
          codeDescription: { href: pathToFileURL(join(fresh.dir, 'node_modules', 'eslint-plugin-forgesyte', 'docs', 'rules', 'no-direct-plugin-run.md')).href },
        });
        expect(items[0].message.startsWith(PLUGIN_ADVICE)).toBe(true);
      },
      EDITOR_TIMEOUT_MS,
    );

    it(
      'shows nothing with experimental.useFlatConfig true, as nvim-lspconfig sends unless overridden (ESLint 10 has no FlatESLint)',
      async () => {
        const { items, log } = await diagnosticsInEditor(fresh.dir, editorSettings(fresh.dir, true));

        expect(items).toEqual([]);
        expect(log.some((line) => line.includes("doesn't export a FlatESLint class"))).toBe(true);
      },
      EDITOR_TIMEOUT_MS,
    );

    it('is the setup the README gives for VS Code and Neovim', () => {
      expect(README).toContain('"eslint.experimental.useFlatConfig": false');
      expect(README).toContain('config.settings.experimental = { useFlatConfig = false }');
    });
  });
});
