import type { ToolContext, ToolDefinition } from '@forgesyte/plugin-sdk';
import { computeChangeMask } from './change-mask';
import { findRegions, type MotionRegion } from './connected-regions';
import { decodeFramePair } from './decode-frames';
import type { DetectInput } from './detect-input';
import { detectInputSchema, detectOutputSchema } from './detect.schema';
import { PixelPacer } from './pixel-pacer';

/** Result of the `detect` tool. */
export interface MotionDetection {
  /** At least one region was kept. */
  readonly motion: boolean;
  /** Pixels over the threshold (kept regions or not) divided by all pixels, 0..1. */
  readonly changed_fraction: number;
  /** Connected changed regions of at least `min_area` pixels, largest first. */
  readonly regions: MotionRegion[];
  readonly width: number;
  readonly height: number;
}

/** The `detect` tool: frame differencing and connected changed regions between two frames. */
export const detectTool: ToolDefinition = {
  description:
    'Compares two frames of the same size pixel by pixel and returns the bounding boxes of the connected regions that changed.',
  inputSchema: detectInputSchema,
  outputSchema: detectOutputSchema,
  timeoutMs: 10_000,
  isolation: 'inline',
  // At the 40-megapixel cap a call holds two decoded frames, the change mask (and blurred copies):
  // 120-200 MB; two at a time keep a flood of large frames within a few hundred MB and both cores busy.
  maxConcurrency: 2,
};

/**
 * Runs the `detect` tool: decodes both frames to greyscale (blurred if asked), marks the pixels whose
 * grey levels differ by more than `threshold`, and groups them into 8-connected regions, dropping those
 * under `min_area` pixels. Throws `ToolInputError` for a frame it cannot decode or frames of different
 * sizes; rejects with the signal's reason on cancel or deadline, checked between steps and inside the
 * pixel loops.
 */
export async function detectMotion(input: DetectInput, context: ToolContext): Promise<MotionDetection> {
  const { signal } = context;
  const { a, b, width, height } = await decodeFramePair(input, signal);
  const pacer = new PixelPacer(signal);
  signal.throwIfAborted();
  const { mask, changed } = await computeChangeMask(a, b, width, height, input.threshold, pacer);
  signal.throwIfAborted();
  const regions = await findRegions(mask, width, height, input.min_area, pacer);
  signal.throwIfAborted();
  return { motion: regions.length > 0, changed_fraction: changed / (width * height), regions, width, height };
}
