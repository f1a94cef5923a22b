import { fakeToolContext } from '@forgesyte/image-io/testing';
import type { ImageMimeType } from '@forgesyte/image-io';
import { type DetectInput, DETECT_DEFAULTS } from './detect-input';
import { detectMotion } from './detect.tool';
import { fixtureImage, motionExpected } from './testing/fixture-frames';
import { matchedIous } from './testing/iou';
import { detectArgs, framePng, type Patch } from './testing/synthetic-frames';

const PIXELS = motionExpected.width * motionExpected.height;

/** `detect` args for the committed motion pair with extension `ext`; `options` override the defaults. */
function fixturePair(ext: 'png' | 'jpg', options: Partial<DetectInput> = {}): DetectInput {
  const mimeType: ImageMimeType = ext === 'png' ? 'image/png' : 'image/jpeg';
  return {
    frame_a: fixtureImage(`motion-a.${ext}`, mimeType),
    frame_b: fixtureImage(`motion-b.${ext}`, mimeType),
    ...DETECT_DEFAULTS,
    ...options,
  };
}

describe('detectMotion on the committed motion fixtures', () => {
  it.each(['png', 'jpg'] as const)('finds exactly the known regions in the %s pair, each at IoU >= 0.8', async (ext) => {
    const detection = await detectMotion(fixturePair(ext), fakeToolContext());

    expect(detection).toMatchObject({ motion: true, width: motionExpected.width, height: motionExpected.height });
    expect(detection.regions).toHaveLength(motionExpected.regions.length);
    for (const score of matchedIous(motionExpected.regions, detection.regions)) expect(score).toBeGreaterThanOrEqual(0.8);
  });

  it('reproduces the lossless pair pixel for pixel: exact boxes, areas and changed fraction', async () => {
    const detection = await detectMotion(fixturePair('png'), fakeToolContext());

    expect(detection.regions).toEqual(motionExpected.regions);
    expect(detection.changed_fraction).toBe(motionExpected.changed_pixels / PIXELS);
  });

  it('drops by min_area the JPEG pair\'s compression specks that pass the default threshold', async () => {
    const kept = await detectMotion(fixturePair('jpg'), fakeToolContext());
    const all = await detectMotion(fixturePair('jpg', { min_area: 1 }), fakeToolContext());

    expect(kept.changed_fraction).toBeGreaterThan(motionExpected.changed_pixels / PIXELS);
    expect(all.regions.length).toBeGreaterThan(motionExpected.regions.length);
    expect(all.regions.slice(motionExpected.regions.length).every((region) => region.area < DETECT_DEFAULTS.min_area)).toBe(true);
  });

  it('sees the sensor noise as change under a low threshold, and nothing under the highest', async () => {
    const low = await detectMotion(fixturePair('png', { threshold: 5 }), fakeToolContext());
    const highest = await detectMotion(fixturePair('png', { threshold: 255 }), fakeToolContext());

    expect(low.changed_fraction).toBeGreaterThan(0.3);
    expect(highest).toMatchObject({ motion: false, changed_fraction: 0, regions: [] });
  });

  it('with blur, still finds the known regions in the JPEG pair at IoU >= 0.8', async () => {
    const detection = await detectMotion(fixturePair('jpg', { blur: 1 }), fakeToolContext());

    expect(detection.regions).toHaveLength(motionExpected.regions.length);
    for (const score of matchedIous(motionExpected.regions, detection.regions)) expect(score).toBeGreaterThanOrEqual(0.8);
  });
});

describe('detectMotion on a 640x480 pair', () => {
  it('finds the two moved rectangles as four regions (left and entered spots)', async () => {
    const person: Patch = { x: 100, y: 120, width: 60, height: 150, value: 30 };
    const car: Patch = { x: 400, y: 300, width: 160, height: 80, value: 220 };
    const frameA = await framePng(640, 480, 120, [person, car]);
    const frameB = await framePng(640, 480, 120, [
      { ...person, x: 200 },
      { ...car, y: 60 },
    ]);

    const detection = await detectMotion(detectArgs(frameA, frameB), fakeToolContext());

    expect(detection).toMatchObject({ motion: true, width: 640, height: 480 });
    expect(detection.regions).toEqual([
      { x: 400, y: 60, width: 160, height: 80, area: 12_800 },
      { x: 400, y: 300, width: 160, height: 80, area: 12_800 },
      { x: 100, y: 120, width: 60, height: 150, area: 9_000 },
      { x: 200, y: 120, width: 60, height: 150, area: 9_000 },
    ]);
    expect(detection.changed_fraction).toBe((2 * 12_800 + 2 * 9_000) / (640 * 480));
  });
});
