import type { Bbox, Line, Page } from 'tesseract.js';

/** A box in image pixels: (x0, y0) the top-left corner, (x1, y1) the bottom-right one, exclusive. */
export interface TextBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A recognised word or line. */
export interface TextSpan {
  readonly text: string;
  /** Tesseract's confidence in the text, 0..100. */
  readonly confidence: number;
  readonly bbox: TextBox;
}

/** Result of the `extract_text` tool. */
export interface ExtractedText {
  /** The whole text: lines separated by `\n`, paragraphs by a blank line, no trailing newline. */
  readonly text: string;
  /** Tesseract's mean word confidence over the page, 0..100 (0 when nothing was read). */
  readonly confidence: number;
  /** Every word, in reading order. */
  readonly words: TextSpan[];
  /** Every text line, in reading order; `text` without its newline. */
  readonly lines: TextSpan[];
}

/** Flattens tesseract's page (blocks → paragraphs → lines → words) into the `extract_text` result. */
export function toExtractedText(page: Page): ExtractedText {
  const lines: Line[] = (page.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
  return {
    text: page.text.trim(),
    confidence: clampConfidence(page.confidence),
    words: lines.flatMap((line) => line.words).map((word) => span(word.text, word.confidence, word.bbox)),
    lines: lines.map((line) => span(line.text.trim(), line.confidence, line.bbox)),
  };
}

function span(text: string, confidence: number, bbox: Bbox): TextSpan {
  return {
    text,
    confidence: clampConfidence(confidence),
    bbox: { x0: Math.max(0, bbox.x0), y0: Math.max(0, bbox.y0), x1: Math.max(0, bbox.x1), y1: Math.max(0, bbox.y1) },
  };
}

/** Tesseract reports 0..100, but a rounding artefact must not fail the output schema. */
function clampConfidence(confidence: number): number {
  return Number.isFinite(confidence) ? Math.min(100, Math.max(0, confidence)) : 0;
}
