import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFailureOf } from './load-failure';
import { resolvePluginFile } from './load-plugin-module';

/**
 * What loading `specifier` from `baseDir` throws in a plain Node process, as the server loads a
 * FORGESYTE_PLUGINS module (resolve, then require): the real error's code and message. (Jest's own
 * module registry would answer in its own words.)
 */
function nodeLoadError(specifier: string, baseDir: string): Error {
  const script = `const { createRequire } = require('node:module'); const { isAbsolute, join, resolve } = require('node:path');
    const [specifier, baseDir] = process.argv.slice(1);
    try {
      const target = specifier.startsWith('.') || isAbsolute(specifier) ? resolve(baseDir, specifier) : specifier;
      const file = createRequire(join(baseDir, 'noop.js')).resolve(target);
      createRequire(file)(file);
      process.stdout.write('{}');
    } catch (error) { process.stdout.write(JSON.stringify({ code: error.code, message: error.message })); }`;
  const run = spawnSync(process.execPath, ['-e', script, specifier, baseDir], { encoding: 'utf8' });
  const { code, message } = JSON.parse(run.stdout) as { code?: string; message?: string };
  if (message === undefined) throw new Error(`'${specifier}' loaded without an error`);
  return Object.assign(new Error(message), { code });
}

describe(loadFailureOf.name, () => {
  let baseDir: string;

  beforeEach(() => {
    baseDir = mkdtempSync(join(tmpdir(), 'forgesyte-load-failure-'));
  });

  afterEach(() => rmSync(baseDir, { recursive: true, force: true }));

  function writeModule(folder: string, source: string): void {
    mkdirSync(join(baseDir, folder), { recursive: true });
    writeFileSync(join(baseDir, folder, 'index.js'), source);
  }

  const reasonOf = (specifier: string): string => loadFailureOf(specifier, nodeLoadError(specifier, baseDir), baseDir);

  it('names a @forgesyte package the plugin requires at run time, not the plugin, and says a package takes only its types', () => {
    writeModule('hello', "const { definePlugin } = require('@forgesyte/plugin-sdk-not-installed');\nmodule.exports = definePlugin({});\n");

    const reason = reasonOf('./hello');

    expect(reason).toBe(
      "it requires '@forgesyte/plugin-sdk-not-installed', which was not found from the plugin's folder; a plugin package outside this repository may take only types from @forgesyte/plugin-sdk-not-installed (`import type`), since the server does not provide it at run time: " +
        "export the plugin as a plain object, and throw an Error with code 'INPUT_INVALID' instead of a ToolInputError (docs/writing-plugins.md)",
    );
    expect(reason).not.toContain(baseDir);
  });

  it('tells to install any other missing dependency, and to check the path of a missing file of its own', () => {
    writeModule('needs-lib', "require('left-padding-nowhere');\n");
    writeModule('needs-file', "require('./helper');\n");

    expect(reasonOf('./needs-lib')).toBe("it requires 'left-padding-nowhere', which was not found from the plugin's folder; install it in the plugin package");
    expect(reasonOf('./needs-file')).toBe("it requires './helper', which was not found from the plugin's folder; check that path in the plugin's code, or build the package");
  });

  it('tells to start a folder path with ./ when a bare name is a folder, not a package', () => {
    writeModule('plugins-wip/gadget', 'module.exports = {};\n');

    expect(() => resolvePluginFile('plugins-wip/gadget', baseDir)).toThrow();
    expect(reasonOf('plugins-wip/gadget')).toBe(
      "no package 'plugins-wip/gadget' was found; to load the folder of that name, write './plugins-wip/gadget' (a path starts with ./, ../ or /, anything else is a package name)",
    );
  });

  it('says the module itself was not found, for a path or a package that is not there', () => {
    expect(reasonOf('./not-there')).toBe("no module './not-there' was found; check the path or install the package");
    expect(reasonOf('not-there-either')).toBe("no module 'not-there-either' was found; check the path or install the package");
  });

  it('gives the first line of any other error', () => {
    writeModule('throws', "throw new Error('bad config\\nat somewhere');\n");

    expect(reasonOf('./throws')).toBe('bad config');
  });
});
