import type { InstalledLanguage } from '../installed-languages';

/** An installed-language record for `code` whose files do not exist: for tests that never start a worker. */
export function fakeLanguage(code: string): InstalledLanguage {
  return {
    code,
    packageName: `@tesseract.js-data/${code}`,
    packageVersion: '1.0.0',
    model: '4.0.0_best_int',
    langPath: `/models/${code}`,
  };
}

/** Worker threads alive in this process: each holds one MessagePort to the main thread. */
export function threadHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'MessagePort').length;
}
