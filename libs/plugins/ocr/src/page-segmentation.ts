/**
 * Tesseract's page segmentation modes (`--psm`) that `extract_text` accepts, with what each assumes
 * about the image. Left out: 0 (orientation and script detection only: no text), 1 and 12 (they need
 * the `osd` model, which is not installed, and silently fall back to 3 and 11 without it), and 2
 * (segmentation without OCR; tesseract documents it as not implemented).
 */
export const PAGE_SEGMENTATION_MODES = {
  3: 'fully automatic page segmentation (the default)',
  4: 'a single column of text of variable sizes',
  5: 'a single uniform block of vertically aligned text',
  6: 'a single uniform block of text',
  7: 'a single text line',
  8: 'a single word',
  9: 'a single word in a circle',
  10: 'a single character',
  11: 'sparse text: as much text as possible, in no particular order',
  13: 'a raw line: a single text line, bypassing tesseract-specific hacks',
} as const;

/** A page segmentation mode `extract_text` accepts (a key of {@link PAGE_SEGMENTATION_MODES}). */
export type PageSegmentationMode = keyof typeof PAGE_SEGMENTATION_MODES;

/** Every accepted mode, ascending. */
export const PAGE_SEGMENTATION_MODE_VALUES = Object.keys(PAGE_SEGMENTATION_MODES).map(Number) as PageSegmentationMode[];

/** The mode used when a call names none: fully automatic, as tesseract's command line defaults to. */
export const DEFAULT_PAGE_SEGMENTATION_MODE: PageSegmentationMode = 3;

/** Narrows a value to an accepted {@link PageSegmentationMode}. */
export function isPageSegmentationMode(value: unknown): value is PageSegmentationMode {
  return typeof value === 'number' && Object.hasOwn(PAGE_SEGMENTATION_MODES, value);
}
