import { readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { ApiProcess, freePort } from './support/app-process';

jest.setTimeout(120_000);

const KEY = 'flood-admin-key-0123456789';
/** 6000 x 6000: 36 megapixels, under the 40-megapixel cap of the image plugins. */
const SIDE = 6_000;
const CALLS = 40;
/**
 * How far the server's peak RSS may rise above its idle RSS during the flood. Two motion-detect calls
 * run at a time (its `maxConcurrency`), each holding two 36 MB grey frames, a 36 MB change mask and
 * libvips' decoding buffers: measured +250 MB (and +340 MB with `blur` and a whole-frame change);
 * without admission the same flood rose +650 MB and 36 of 40 calls timed out.
 */
const MAX_RSS_GROWTH_MB = 450;

/** A solid 36-megapixel PNG (a few hundred kB), with a bright patch when `patch` is set. */
async function frame(patch: boolean): Promise<string> {
  const image = sharp({ create: { width: SIDE, height: SIDE, channels: 3, background: { r: 90, g: 90, b: 90 } } });
  if (patch) {
    const input = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 250, g: 250, b: 250 } } }).png().toBuffer();
    image.composite([{ input, left: 1_000, top: 2_000 }]);
  }
  return (await image.png().toBuffer()).toString('base64');
}

/** A line of `/proc/<pid>/status` in MB: `VmRSS` (now) or `VmHWM` (peak). */
function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/**
 * Resets the process's peak RSS (VmHWM) to its current RSS (Linux 4.0+), so that the peak read after
 * the flood is the flood's; where that is refused, the peak since start counts, a stricter bound.
 */
function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // the peak since start is then compared with the bound instead
  }
}

describe('a flood of 36-megapixel motion-detect calls (sync admission and maxConcurrency)', () => {
  let api: ApiProcess;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = new ApiProcess({ PORT: String(port), FORGESYTE_ADMIN_KEY: KEY, FORGESYTE_SHIPPED_PLUGINS: 'image-inspect,motion-detect' });
    await api.waitForOutput(/listening on/);
  });
  afterAll(() => api.stop());

  const post = (body: string) => fetch(`${url}/v1/analyze-execution`, { method: 'POST', headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' }, body });

  it('answers every call 200 or 429 OVERLOADED with Retry-After, runs two at a time, and stays under its memory bound', async () => {
    const body = JSON.stringify({ plugin: 'motion-detect', args: { frame_a: { image: await frame(false), mime_type: 'image/png' }, frame_b: { image: await frame(true), mime_type: 'image/png' } } });
    expect((await post(body)).status).toBe(200); // warm-up: sharp and the plugin are loaded
    const pid = api.child.pid as number;
    resetPeakRss(pid);
    const idleMb = memoryMb(pid, 'VmRSS');
    let peakInFlight = 0;
    let flooding = true;
    const watch = (async () => {
      while (flooding) {
        const health = await fetch(`${url}/v1/plugins/motion-detect/health`, { headers: { 'X-API-Key': KEY } });
        peakInFlight = Math.max(peakInFlight, ((await health.json()) as { in_flight: number }).in_flight);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const startedAt = Date.now();

    const responses = await Promise.all(
      Array.from({ length: CALLS }, async () => {
        const response = await post(body);
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { status?: string; error?: { code: string } } };
      }),
    );
    const elapsedMs = Date.now() - startedAt;
    flooding = false;
    await watch;
    const peakMb = memoryMb(pid, 'VmHWM');

    const succeeded = responses.filter((response) => response.status === 200);
    const refused = responses.filter((response) => response.status === 429);
    expect(succeeded.length + refused.length).toBe(CALLS);
    expect(succeeded.length).toBeGreaterThanOrEqual(2);
    for (const response of succeeded) expect(response.body.status).toBe('success');
    for (const response of refused) expect(response).toMatchObject({ retryAfter: '1', body: { error: { code: 'OVERLOADED' } } });
    expect(peakInFlight).toBeLessThanOrEqual(2);
    expect(elapsedMs).toBeLessThan(30_000);
    expect(peakMb - idleMb).toBeLessThan(MAX_RSS_GROWTH_MB);
    process.stdout.write(
      `sync flood: ${succeeded.length} x 200, ${refused.length} x 429 in ${elapsedMs} ms; RSS idle ${idleMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB (+${(peakMb - idleMb).toFixed(0)} MB); in_flight at most ${peakInFlight}\n`,
    );
  });
});
