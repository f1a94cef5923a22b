import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian's `chromium` package puts the browser, then the names it may have on the PATH. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const NAMES_ON_PATH = ['chromium', 'chromium-browser'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The path of the system's Chromium (puppeteer-core downloads no browser: the machines are offline).
 * Throws a message saying how to install it, so a browser test fails rather than skips without it.
 */
export function findChromium(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => NAMES_ON_PATH.map((name) => join(dir, name)));
  const found = [DEBIAN_CHROMIUM, ...onPath].find(isExecutable);
  if (found === undefined) {
    throw new Error(
      `No Chromium found at ${DEBIAN_CHROMIUM} or as ${NAMES_ON_PATH.join('/')} on the PATH: install Debian's package ` +
        '(`sudo apt-get install -y chromium`, as .ci/run does) to run the browser tests.',
    );
  }
  return found;
}
