import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageInput, ImageMimeType } from '@forgesyte/image-io';
import type { MotionRegion } from '../connected-regions';

/** The committed image fixtures (see test/fixtures/images/README.md). */
const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'images');

/** The content of `motion-expected.json`: the scene of the motion fixtures and the regions it changes. */
export interface MotionExpectation {
  readonly width: number;
  readonly height: number;
  /** Changed regions with default options, largest first, exactly as the PNG pair yields them. */
  readonly regions: readonly MotionRegion[];
  /** Pixels that differ by more than the default threshold in the PNG pair (the regions' areas summed). */
  readonly changed_pixels: number;
}

/** The expected regions of the motion fixtures. */
export const motionExpected = JSON.parse(readFileSync(join(FIXTURES, 'motion-expected.json'), 'utf8')) as MotionExpectation;

/** A committed fixture as tool args `{ image, mime_type }`. */
export function fixtureImage(file: string, mimeType: ImageMimeType): ImageInput {
  return { image: readFileSync(join(FIXTURES, file)).toString('base64'), mime_type: mimeType };
}
