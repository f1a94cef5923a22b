import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A committed fixture image as base64. */
export function fixtureImageBase64(file: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'images', file)).toString('base64');
}
