import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageInput, ImageMimeType } from '@forgesyte/image-io';

/** test/fixtures/images, where make-images.ts writes the OCR fixtures (see its README). */
export const FIXTURE_IMAGES_DIR = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'images');

/** An OCR fixture image: its args for `extract_text` and its size in pixels. */
export interface OcrFixture {
  readonly input: ImageInput;
  readonly width: number;
  readonly height: number;
}

const FIXTURES = {
  'ocr-text.png': { mimeType: 'image/png', width: 717, height: 181 },
  'ocr-text.jpg': { mimeType: 'image/jpeg', width: 680, height: 174 },
} as const satisfies Record<string, { mimeType: ImageMimeType; width: number; height: number }>;

/** Name of an OCR fixture image. */
export type OcrFixtureName = keyof typeof FIXTURES;

/** Every OCR fixture image. */
export const OCR_FIXTURE_NAMES = Object.keys(FIXTURES) as OcrFixtureName[];

/** The text printed in every OCR fixture image (`ocr-text.txt`), without its final newline. */
export function ocrFixtureText(): string {
  return readFileSync(join(FIXTURE_IMAGES_DIR, 'ocr-text.txt'), 'utf8').trimEnd();
}

/** A committed OCR fixture image as `extract_text` args, with its size. */
export function ocrFixture(name: OcrFixtureName): OcrFixture {
  const { mimeType, width, height } = FIXTURES[name];
  const image = readFileSync(join(FIXTURE_IMAGES_DIR, name)).toString('base64');
  return { input: { image, mime_type: mimeType }, width, height };
}
