/**
 * Measures the latency of the `detect` tool (both decodes included, ToolRunner excluded) on 640x480
 * frame pairs. Run from the repository root:
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register libs/plugins/motion-detect/bench/detect-latency.ts [runs]
 * Prints the median, p90 and minimum over `runs` calls (default 50) after 5 warm-up calls.
 */
import sharp from 'sharp';
import type { ImageMimeType } from '@forgesyte/image-io';
import { fakeToolContext } from '@forgesyte/image-io/testing';
import { type DetectInput, DETECT_DEFAULTS } from '../src/detect-input';
import { detectMotion } from '../src/detect.tool';

const WIDTH = 640;
const HEIGHT = 480;
const WARM_UP = 5;

/** A noisy grey ramp with two rectangles, moved between frame A and frame B. */
function frame(shift: number, seed: number): Buffer {
  const pixels = Buffer.alloc(WIDTH * HEIGHT);
  let state = seed;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      const inPerson = x >= 100 + shift && x < 160 + shift && y >= 120 && y < 270;
      const inCar = x >= 400 && x < 560 && y >= 300 - shift && y < 380 - shift;
      const scene = inPerson ? 30 : inCar ? 220 : 80 + Math.floor((x * 60) / WIDTH);
      pixels[y * WIDTH + x] = Math.max(0, Math.min(255, scene + (state >>> 28) - 8));
    }
  }
  return pixels;
}

async function encode(pixels: Buffer, mimeType: ImageMimeType): Promise<string> {
  const image = sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } }).toColourspace('b-w');
  const bytes = await (mimeType === 'image/png' ? image.png() : image.jpeg({ quality: 90 })).toBuffer();
  return bytes.toString('base64');
}

async function measure(input: DetectInput, runs: number): Promise<number[]> {
  for (let run = 0; run < WARM_UP; run++) await detectMotion(input, fakeToolContext());
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    await detectMotion(input, fakeToolContext());
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}

/** Median (mean of the two middle values for an even count), p90 (nearest rank) and minimum of ascending samples. */
function summary(sorted: readonly number[]): string {
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1];
  return `median ${median.toFixed(1)}  p90 ${p90.toFixed(1)}  min ${sorted[0].toFixed(1)}`;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 50);
  const [a, b] = [frame(0, 1), frame(100, 2)];
  console.log(`detect on ${WIDTH}x${HEIGHT}, ${runs} runs after ${WARM_UP} warm-up (ms)`);
  for (const mimeType of ['image/png', 'image/jpeg'] as const) {
    const frame_a = { image: await encode(a, mimeType), mime_type: mimeType };
    const frame_b = { image: await encode(b, mimeType), mime_type: mimeType };
    for (const blur of [0, 1]) {
      const input = { frame_a, frame_b, ...DETECT_DEFAULTS, blur };
      const { regions } = await detectMotion(input, fakeToolContext());
      console.log(`${mimeType.padEnd(10)} blur ${blur}: ${summary(await measure(input, runs))}  (${regions.length} regions)`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
