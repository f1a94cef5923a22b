import { DEFAULT_RUNNER_FILES, matchesAnyFile } from './file-matcher';

describe(matchesAnyFile.name, () => {
  it.each([
    '/repo/libs/runtime/src/tool-runner.service.ts',
    'libs/runtime/src/tool-runner.service.ts',
    'C:\\repo\\libs\\runtime\\src\\tool-runner.service.ts',
    '/repo/libs/runtime/src/worker/plugin-worker.ts',
    '/repo/libs/runtime/src/worker/pool/entry.ts',
    '/repo/libs/plugin-sdk/src/testing/tool-harness.ts',
    '/work/plugins-wip/acme-gadget/types/plugin-sdk/testing/tool-harness.js',
  ])('allows %s by default', (filename) => {
    expect(matchesAnyFile(filename, DEFAULT_RUNNER_FILES)).toBe(true);
  });

  it.each([
    '/repo/libs/runtime/src/tool-runner.service.spec.ts',
    '/repo/libs/runtime/src/resolve-tool.ts',
    '/repo/libs/runtime/src/workers.ts',
    '/repo/xlibs/runtime/src/tool-runner.service.ts',
    '/repo/apps/api/src/main.ts',
    '/repo/libs/plugin-sdk/src/define-plugin.ts',
  ])('does not allow %s by default', (filename) => {
    expect(matchesAnyFile(filename, DEFAULT_RUNNER_FILES)).toBe(false);
  });

  it('matches * within one folder and ? as one character', () => {
    expect(matchesAnyFile('/r/src/a.ts', ['src/*.ts'])).toBe(true);
    expect(matchesAnyFile('/r/src/deep/a.ts', ['src/*.ts'])).toBe(false);
    expect(matchesAnyFile('/r/src/a1.ts', ['src/a?.ts'])).toBe(true);
  });

  it('matches **/ as any folders, including none', () => {
    expect(matchesAnyFile('/r/file.ts', ['**/file.ts'])).toBe(true);
    expect(matchesAnyFile('/r/a/b/file.ts', ['r/**/file.ts'])).toBe(true);
    expect(matchesAnyFile('/r/file.ts', ['r/**/file.ts'])).toBe(true);
  });

  it('treats dots and other regular-expression characters literally', () => {
    expect(matchesAnyFile('/r/src/aXts', ['src/a.ts'])).toBe(false);
    expect(matchesAnyFile('/r/(x)/a.ts', ['(x)/a.ts'])).toBe(true);
  });

  it('ignores a leading ./ in a pattern', () => {
    expect(matchesAnyFile('/r/src/a.ts', ['./src/a.ts'])).toBe(true);
  });
});
