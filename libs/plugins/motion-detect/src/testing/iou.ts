/** An axis-aligned box in pixels: `x`, `y` is the top-left pixel, `width` x `height` pixels in all. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Intersection over union of two boxes, 0..1: 1 for the same box, 0 for boxes that share no pixel.
 * Boxes are pixel-inclusive, so a box at x 0 of width 2 and one at x 2 do not overlap.
 */
export function iou(a: Box, b: Box): number {
  const overlapWidth = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const overlapHeight = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (overlapWidth <= 0 || overlapHeight <= 0) return 0;
  const intersection = overlapWidth * overlapHeight;
  return intersection / (a.width * a.height + b.width * b.height - intersection);
}

/**
 * Pairs each expected box with a distinct actual box, best IoU first (greedy), and returns the IoU of
 * each expected box in order: 0 where no actual box overlaps it or all overlapping ones were taken.
 */
export function matchedIous(expected: readonly Box[], actual: readonly Box[]): number[] {
  const candidates = expected
    .flatMap((want, wantIndex) => actual.map((got, gotIndex) => ({ wantIndex, gotIndex, score: iou(want, got) })))
    .filter((candidate) => candidate.score > 0)
    .sort((p, q) => q.score - p.score);
  const scores = expected.map(() => 0);
  const wantTaken = new Set<number>();
  const gotTaken = new Set<number>();
  for (const { wantIndex, gotIndex, score } of candidates) {
    if (wantTaken.has(wantIndex) || gotTaken.has(gotIndex)) continue;
    wantTaken.add(wantIndex);
    gotTaken.add(gotIndex);
    scores[wantIndex] = score;
  }
  return scores;
}
