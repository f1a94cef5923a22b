import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const PACKAGE_DIR = join(REPO_ROOT, 'tools', 'eslint-plugin');
const NODE_MODULES = join(REPO_ROOT, 'node_modules');
const COMMAND_TIMEOUT_MS = 60_000;

/** The ESLint config this package's README tells a TypeScript plugin package to write, word for word. */
export const PLUGIN_PACKAGE_ESLINT_CONFIG = `// eslint.config.mjs
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import forgesyte from 'eslint-plugin-forgesyte';

export default defineConfig(
  // types/: the SDK's declarations, in a package made by \`npm run g:plugin -- <name> --standalone\`
  { ignores: ['dist/**', 'node_modules/**', 'types/**'] },
  tseslint.configs.base, // the TypeScript parser
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  forgesyte.configs.recommended,
);
`;

/** The file of the fresh package that breaks the rule, and where: `other.run` on its line 5, column 10. */
export const VIOLATING_FILE = {
  path: 'src/forward.ts',
  text: [
    "import type { Plugin } from '@forgesyte/plugin-sdk';",
    '',
    '/** Hands a call on to another plugin: what a plugin never does. */',
    'export function forward(other: Plugin, args: unknown): Promise<unknown> {',
    "  return other.run('greet', args, {});",
    '}',
    '',
  ].join('\n'),
  line: 5,
  column: 10,
} as const;

/** What `npm pack` produced: the tarball and the paths it holds, relative to the package (`dist/index.js`). */
export interface PackedPlugin {
  readonly tarball: string;
  readonly files: readonly string[];
}

/** A plugin package made in a temp folder, with the packed plugin installed. */
export interface FreshPluginPackage {
  readonly dir: string;
  readonly packed: PackedPlugin;
  /** Deletes the temp folder (the package and the tarball). */
  remove(): void;
}

interface NpmPackEntry {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/** `npm pack ./tools/eslint-plugin` from the repo root (its `prepack` compiles src/ into dist/), into `destination`. */
export function packPlugin(destination: string): PackedPlugin {
  const [entry] = JSON.parse(run('npm', ['pack', PACKAGE_DIR, '--pack-destination', destination, '--json'], REPO_ROOT)) as NpmPackEntry[];
  return { tarball: join(destination, entry.filename), files: entry.files.map((file) => file.path).sort() };
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/**
 * Does what a plugin author does: packs the plugin, makes a TypeScript plugin package (the SDK's types
 * vendored under `types/plugin-sdk`, as the standalone schematic does), writes the README's
 * `eslint.config.mjs` and a file that calls another plugin's `run`, and installs the tarball with ESLint.
 *
 * The author installs `eslint@10.15.0 typescript-eslint@8.72.0 typescript@5.9.3` from the registry; here
 * the same versions are linked from this checkout's node_modules and npm runs `--offline`, so the test
 * never reaches the network (it fails rather than fetch).
 */
export function createFreshPluginPackage(): FreshPluginPackage {
  const root = mkdtempSync(join(tmpdir(), 'forgesyte-eslint-plugin-'));
  const dir = join(root, 'acme-greeter');
  mkdirSync(dir);
  try {
    const packed = packPlugin(root);
    write(dir, 'package.json', `${JSON.stringify({ name: 'acme-greeter', version: '0.1.0', private: true }, null, 2)}\n`);
    write(
      dir,
      'tsconfig.json',
      `${JSON.stringify(
        {
          compilerOptions: {
            module: 'node16',
            moduleResolution: 'node16',
            target: 'ES2023',
            strict: true,
            types: [],
            paths: { '@forgesyte/plugin-sdk': ['./types/plugin-sdk/index.d.ts'] },
          },
          include: ['src', 'types'],
        },
        null,
        2,
      )}\n`,
    );
    write(
      dir,
      'types/plugin-sdk/index.d.ts',
      'export interface Plugin {\n  readonly name: string;\n  run(tool: string, args: unknown, context: unknown): Promise<unknown>;\n}\n',
    );
    write(dir, 'eslint.config.mjs', PLUGIN_PACKAGE_ESLINT_CONFIG);
    write(dir, VIOLATING_FILE.path, VIOLATING_FILE.text);
    const linked = ['eslint', 'typescript-eslint', 'typescript', '@typescript-eslint/utils'].map((name) => join(NODE_MODULES, name));
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-exact', '-D', packed.tarball, ...linked], dir);
    return { dir, packed, remove: () => rmSync(root, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
