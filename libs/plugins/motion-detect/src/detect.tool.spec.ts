import { ToolInputError } from '@forgesyte/plugin-sdk';
import { abortedSignal, fakeToolContext } from '@forgesyte/image-io/testing';
import { detectMotion } from './detect.tool';
import { iou } from './testing/iou';
import { detectArgs, dot, framePng, type Patch } from './testing/synthetic-frames';

const W = 64;
const H = 48;
const BACKGROUND = 100;

/** A 64x48 frame of grey 100 with `patches` painted on it. */
const frame = (patches: readonly Patch[] = []): Promise<Buffer> => framePng(W, H, BACKGROUND, patches);

describe('detectMotion', () => {
  it('reports no motion, no region and nothing changed for identical frames', async () => {
    const bytes = await frame([{ x: 10, y: 10, width: 8, height: 8, value: 200 }]);

    const detection = await detectMotion(detectArgs(bytes, bytes), fakeToolContext());

    expect(detection).toEqual({ motion: false, changed_fraction: 0, regions: [], width: W, height: H });
  });

  it('boxes a rectangle that appears, with its exact changed area', async () => {
    const args = detectArgs(await frame(), await frame([{ x: 10, y: 5, width: 12, height: 7, value: 200 }]));

    const detection = await detectMotion(args, fakeToolContext());

    expect(detection).toEqual({
      motion: true,
      changed_fraction: 84 / (W * H),
      regions: [{ x: 10, y: 5, width: 12, height: 7, area: 84 }],
      width: W,
      height: H,
    });
  });

  it('reports two separate moving blobs as two regions, not one box around both', async () => {
    const args = detectArgs(
      await frame(),
      await frame([
        { x: 2, y: 2, width: 6, height: 6, value: 0 },
        { x: 40, y: 30, width: 10, height: 5, value: 255 },
      ]),
    );

    const { regions } = await detectMotion(args, fakeToolContext());

    expect(regions).toEqual([
      { x: 40, y: 30, width: 10, height: 5, area: 50 },
      { x: 2, y: 2, width: 6, height: 6, area: 36 },
    ]);
  });

  it('reports an L-shape as one region', async () => {
    const lShape = [
      { x: 5, y: 5, width: 3, height: 20, value: 0 },
      { x: 5, y: 22, width: 20, height: 3, value: 0 },
    ];

    const { regions } = await detectMotion(detectArgs(await frame(), await frame(lShape), { min_area: 1 }), fakeToolContext());

    expect(regions).toEqual([{ x: 5, y: 5, width: 20, height: 20, area: 3 * 20 + 17 * 3 }]);
  });

  it('joins changed pixels that touch only at a corner (8-connectivity)', async () => {
    const diagonal = [0, 1, 2, 3, 4].map((step) => dot(20 + step, 10 + step, 255));

    const { regions } = await detectMotion(detectArgs(await frame(), await frame(diagonal), { min_area: 1 }), fakeToolContext());

    expect(regions).toEqual([{ x: 20, y: 10, width: 5, height: 5, area: 5 }]);
  });

  it('drops specks under min_area while counting them in changed_fraction', async () => {
    const specks = [dot(3, 3, 255), dot(50, 40, 0), { x: 30, y: 30, width: 2, height: 2, value: 255 }];

    const detection = await detectMotion(detectArgs(await frame(), await frame(specks)), fakeToolContext());

    expect(detection).toMatchObject({ motion: false, regions: [], changed_fraction: 6 / (W * H) });
  });

  it('keeps a region of exactly min_area pixels and drops one a pixel smaller', async () => {
    const patches = [
      { x: 0, y: 0, width: 5, height: 4, value: 255 },
      { x: 30, y: 10, width: 1, height: 19, value: 255 },
    ];

    const { regions } = await detectMotion(detectArgs(await frame(), await frame(patches), { min_area: 20 }), fakeToolContext());

    expect(regions).toEqual([{ x: 0, y: 0, width: 5, height: 4, area: 20 }]);
  });

  it('counts a pixel as changed only when it differs by more than threshold', async () => {
    const patches = [
      { x: 0, y: 0, width: 5, height: 5, value: BACKGROUND + 30 },
      { x: 20, y: 0, width: 5, height: 5, value: BACKGROUND - 31 },
    ];
    const frameA = await frame();
    const frameB = await frame(patches);
    const args = (threshold: number) => detectArgs(frameA, frameB, { threshold, min_area: 1 });

    expect((await detectMotion(args(25), fakeToolContext())).regions).toHaveLength(2);
    expect((await detectMotion(args(30), fakeToolContext())).regions).toEqual([{ x: 20, y: 0, width: 5, height: 5, area: 25 }]);
    expect((await detectMotion(args(31), fakeToolContext())).motion).toBe(false);
  });

  it('with blur, ignores single-pixel noise but still finds a moving object', async () => {
    const noise = Array.from({ length: 40 }, (_, index) => dot((index * 7) % W, (index * 11) % H, BACKGROUND + 60));
    const object = { x: 30, y: 20, width: 20, height: 20, value: 230 };
    const frameA = await frame();
    const frameB = await frame([...noise, object]);

    const sharp = await detectMotion(detectArgs(frameA, frameB, { min_area: 1 }), fakeToolContext());
    const blurred = await detectMotion(detectArgs(frameA, frameB, { min_area: 1, blur: 1.5 }), fakeToolContext());

    expect(sharp.regions.length).toBeGreaterThan(30);
    expect(blurred.regions).toHaveLength(1);
    expect(iou(blurred.regions[0], object)).toBeGreaterThanOrEqual(0.8);
  });

  it('rejects frames of different sizes, naming both sizes', async () => {
    const result = detectMotion(detectArgs(await frame(), await framePng(32, 24, BACKGROUND)), fakeToolContext());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('`frame_a` is 64x48 but `frame_b` is 32x24');
  });

  it('rejects when the signal has already fired', async () => {
    const bytes = await frame();

    const result = detectMotion(detectArgs(bytes, bytes), fakeToolContext(abortedSignal()));

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
