import { computeChangeMask } from './change-mask';
import { PixelPacer } from './pixel-pacer';

const pacer = (): PixelPacer => new PixelPacer(new AbortController().signal);

describe('computeChangeMask', () => {
  it('marks pixels that differ by more than the threshold, brighter or darker', async () => {
    const a = Uint8Array.of(100, 100, 100, 100, 100, 100);
    const b = Uint8Array.of(100, 126, 74, 125, 75, 0);

    const { mask, changed } = await computeChangeMask(a, b, 3, 2, 25, pacer());

    expect(Array.from(mask)).toEqual([0, 1, 1, 0, 0, 1]);
    expect(changed).toBe(3);
  });

  it('marks every differing pixel at threshold 0 and none at threshold 255', async () => {
    const a = Uint8Array.of(0, 10, 255, 7);
    const b = Uint8Array.of(255, 11, 0, 7);

    expect((await computeChangeMask(a, b, 2, 2, 0, pacer())).changed).toBe(3);
    expect((await computeChangeMask(a, b, 2, 2, 255, pacer())).changed).toBe(0);
  });

  it('refuses frames whose byte length does not match their size', async () => {
    const result = computeChangeMask(new Uint8Array(6), new Uint8Array(5), 3, 2, 25, pacer());

    await expect(result).rejects.toThrow('expects 3x2 single-channel frames; got 6 and 5 bytes');
  });

  it('stops between rows when the signal fires while it runs', async () => {
    const controller = new AbortController();
    const frame = new Uint8Array(64 * 64);

    const result = computeChangeMask(frame, frame, 64, 64, 25, new PixelPacer(controller.signal, 64));
    controller.abort();

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
