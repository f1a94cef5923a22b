// `npm run bench:vision [-- --calls N] [-- --rounds R]`: latency of the shipped vision plugins over HTTP,
// OCR through the API beside tesseract.js alone on a held-out image, and the server's memory after 10
// and 100 OCR calls. The API runs in this process (memory job store, logs off), so this process's RSS is
// the server's.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { createApp } from '../../../../apps/api/src/bootstrap';
import { loadConfig } from '../../../../apps/api/src/config/load-config';
import { median } from '../stats';
import { measureOcrOverhead } from './ocr-versus-tesseract';

const KEY = 'vision-bench-key-0123456789';
const FIXTURES = join(__dirname, '../../../../test/fixtures/images');

/** A noisy 640x480 grey scene with two rectangles, moved by `shift` pixels. */
async function frame640(shift: number, seed: number): Promise<{ image: string; mime_type: 'image/png' }> {
  const [width, height] = [640, 480];
  const pixels = Buffer.alloc(width * height);
  let state = seed;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      const inBox = x >= 100 + shift && x < 160 + shift && y >= 120 && y < 270;
      const inBar = x >= 400 && x < 560 && y >= 300 - shift && y < 380 - shift;
      pixels[y * width + x] = (inBox ? 30 : inBar ? 220 : 80 + Math.floor((x * 60) / width)) + (state >>> 29) - 4;
    }
  }
  const png = await sharp(pixels, { raw: { width, height, channels: 1 } }).png().toBuffer();
  return { image: png.toString('base64'), mime_type: 'image/png' };
}

async function main(): Promise<void> {
  const callsArg = process.argv.indexOf('--calls');
  const calls = callsArg > 0 ? Number(process.argv[callsArg + 1]) : 31;
  const roundsArg = process.argv.indexOf('--rounds');
  const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 7;
  const app = await createApp(loadConfig({ FORGESYTE_ADMIN_KEY: KEY, FORGESYTE_JOB_STORE: 'memory' }), { log: false });
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/v1/analyze-execution`;
  const analyze = async (body: object): Promise<number> => {
    const startedAt = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json()) as { status?: string };
    if (answer.status !== 'success') throw new Error(`call failed: ${JSON.stringify(answer)}`);
    return performance.now() - startedAt;
  };
  const timed = async (body: object, n: number): Promise<number> => {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) samples.push(await analyze(body));
    return median(samples);
  };
  try {
    const ocr = { plugin: 'ocr', tool: 'extract_text', image: readFileSync(join(FIXTURES, 'ocr-text.png')).toString('base64'), mime_type: 'image/png' };
    const motion = { plugin: 'motion-detect', args: { frame_a: await frame640(0, 1), frame_b: await frame640(100, 2) } };
    await timed(ocr, 10);
    const rssAfter10 = process.memoryUsage().rss;
    const ocrMedian = await timed(ocr, 90);
    const rssAfter100 = process.memoryUsage().rss;
    await timed(motion, 5);
    const motionMedian = await timed(motion, calls);
    const overhead = await measureOcrOverhead(analyze, rounds, 10);
    const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
    process.stdout.write(
      [
        '| figure | value |',
        '|---|---|',
        `| \`ocr\` \`extract_text\`, ocr-text.png (717x181), median of 90 calls over HTTP | ${ocrMedian.toFixed(0)} ms |`,
        `| \`motion-detect\` \`detect\`, 640x480 PNG pair, median of ${calls} calls over HTTP | ${motionMedian.toFixed(0)} ms |`,
        `| \`ocr\` \`extract_text\` over HTTP / the same tesseract.js worker and model alone, held-out 900x250 PNG of two lines, ${overhead.rounds} rounds of ${overhead.callsPerRound} alternating calls | ${overhead.apiMs.toFixed(0)} ms / ${overhead.directMs.toFixed(0)} ms = ${overhead.ratio.toFixed(2)}× (median of round ratios) |`,
        `| server RSS after 10 OCR calls → after 100 | ${mb(rssAfter10)} MB → ${mb(rssAfter100)} MB (${(((rssAfter100 - rssAfter10) / rssAfter10) * 100).toFixed(1)}%) |`,
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
