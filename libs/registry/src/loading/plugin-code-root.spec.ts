import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pluginCodeRoot } from './plugin-code-root';

describe(pluginCodeRoot.name, () => {
  let top: string;

  /** Writes `file` (relative to the temp dir) with `content`, creating its folders. */
  function write(file: string, content = ''): string {
    const path = join(top, file);
    mkdirSync(resolve(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  beforeEach(() => {
    top = mkdtempSync(join(tmpdir(), 'forgesyte-code-root-'));
  });

  it("is the plugin package's root: the nearest directory whose package.json has a name", () => {
    write('deploy/node_modules/vision/package.json', '{"name": "vision"}');
    write('deploy/node_modules/vision/dist/cjs/package.json', '{"type": "commonjs"}');
    const file = write('deploy/node_modules/vision/dist/cjs/index.js');

    expect(pluginCodeRoot(file, join(top, 'deploy'))).toBe(join(top, 'deploy/node_modules/vision'));
  });

  it('is the file alone when the nearest package holds baseDir: a plugin kept in the app’s own repository', () => {
    write('app/package.json', '{"name": "app"}');
    const file = write('app/plugins/echo.js');

    expect(pluginCodeRoot(file, join(top, 'app'))).toBe(file);
  });

  it('is the file alone when no package encloses it', () => {
    const file = write('loose/echo.js');

    expect(pluginCodeRoot(file, join(top, 'elsewhere'))).toBe(file);
  });

  it("is the file alone when the nearest package holds the server's own code", () => {
    const file = resolve(__dirname, '../../../../test/fixtures/plugins/echo.plugin.js');

    expect(pluginCodeRoot(file, top)).toBe(file);
  });
});
