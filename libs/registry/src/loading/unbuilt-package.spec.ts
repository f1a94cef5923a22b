import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootRegistry } from '../testing/test-plugins';
import { unbuiltPackageReason } from './unbuilt-package';

/** A plugin module that works once it is there, as a standalone package's `npm run build` writes it. */
const BUILT_PLUGIN = `module.exports = {
  name: 'acme-gadget',
  version: '1.0.0',
  description: 'A plugin of a temporary package.',
  tools: { noop: { description: 'Returns nothing.', inputSchema: { type: 'object' }, outputSchema: { type: 'object' } } },
  run: () => ({}),
};
`;

describe(unbuiltPackageReason.name, () => {
  let baseDir: string;

  beforeEach(() => {
    baseDir = mkdtempSync(join(tmpdir(), 'forgesyte-unbuilt-'));
  });

  afterEach(() => rmSync(baseDir, { recursive: true, force: true }));

  /** Writes `<baseDir>/<folder>/package.json` with `manifest`, and the given other files. */
  function writePackage(folder: string, manifest: object, files: Readonly<Record<string, string>> = {}): void {
    const dir = join(baseDir, folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  }

  it('says a package folder whose main is in a missing dist/ is not built, and how to build it', () => {
    writePackage('plugins-wip/acme-gadget', { name: 'acme-gadget', main: 'dist/index.js', scripts: { build: 'tsc' } });

    expect(unbuiltPackageReason('./plugins-wip/acme-gadget', baseDir)).toBe(
      "the package 'acme-gadget' at './plugins-wip/acme-gadget' is not built: its package.json points to dist/index.js, " +
        'which does not exist; run `npm run build` in that package, then restart the server',
    );
  });

  it('reads exports (with conditions) as well as main, for a package installed in node_modules', () => {
    writePackage('node_modules/@acme/gadget', {
      name: '@acme/gadget',
      main: './dist/index.js',
      exports: { '.': { types: './dist/index.d.ts', require: './dist/index.js' }, './package.json': './package.json' },
    });

    const reason = unbuiltPackageReason('@acme/gadget', baseDir);

    expect(reason).toContain("the package '@acme/gadget' at '@acme/gadget' is not built");
    expect(reason).toContain('points to ./dist/index.js, ./dist/index.d.ts, none of which exists; build the package so that ./dist/index.js exists');
    expect(reason).not.toContain(baseDir);
  });

  it('says nothing of a package whose entry is there, a folder without package.json, or a name that is not installed', () => {
    writePackage('built', { name: 'built', main: 'dist/index.js' }, { 'dist/index.js': BUILT_PLUGIN });
    writePackage('extensionless', { name: 'extensionless', main: 'lib/plugin' }, { 'lib/plugin.js': BUILT_PLUGIN });
    mkdirSync(join(baseDir, 'empty'));

    expect(unbuiltPackageReason('./built', baseDir)).toBeUndefined();
    expect(unbuiltPackageReason('./extensionless', baseDir)).toBeUndefined();
    expect(unbuiltPackageReason('./empty', baseDir)).toBeUndefined();
    expect(unbuiltPackageReason('./nowhere', baseDir)).toBeUndefined();
    expect(unbuiltPackageReason('forgesyte-plugin-that-does-not-exist', baseDir)).toBeUndefined();
  });

  it('is the UNAVAILABLE reason of a FORGESYTE_PLUGINS path to an unbuilt package; the same package built loads', async () => {
    const manifest = { name: 'acme-gadget', main: 'dist/index.js', scripts: { build: 'tsc' } };
    writePackage('plugins-wip/acme-gadget', manifest);
    writePackage('plugins-wip/acme-gadget-built', manifest, { 'dist/index.js': BUILT_PLUGIN });
    const unbuilt = './plugins-wip/acme-gadget';

    const { moduleRef, registry } = await bootRegistry({ specifiers: [unbuilt, './plugins-wip/acme-gadget-built'], baseDir });

    expect(registry.snapshot(unbuilt)).toMatchObject({
      state: 'UNAVAILABLE',
      reason: expect.stringMatching(/^its module could not be loaded: the package 'acme-gadget' at '\.\/plugins-wip\/acme-gadget' is not built: .*run `npm run build` in that package/),
    });
    expect(registry.snapshot(unbuilt).reason).not.toContain('check the path or install the package');
    expect(registry.snapshot('acme-gadget').state).toBe('INITIALIZED');
    await moduleRef.close();
  });
});
