import { setImmediate as nextTurn } from 'node:timers/promises';
import { abortedSignal } from '@forgesyte/image-io/testing';
import { PixelPacer, PIXELS_PER_TURN } from './pixel-pacer';

const liveSignal = (): AbortSignal => new AbortController().signal;

describe(PixelPacer.name, () => {
  it('asks for a pause only once a turn of pixels has been spent', () => {
    const pacer = new PixelPacer(liveSignal(), 100);

    expect(pacer.spend(60)).toBe(false);
    expect(pacer.spend(39)).toBe(false);
    expect(pacer.spend(1)).toBe(true);
  });

  it('starts a new turn after a pause', async () => {
    const pacer = new PixelPacer(liveSignal(), 100);
    pacer.spend(100);

    await pacer.pause();

    expect(pacer.spend(99)).toBe(false);
  });

  it('lets callbacks already queued on the event loop run during a pause', async () => {
    const pacer = new PixelPacer(liveSignal(), 100);
    let ran = false;
    void nextTurn().then(() => (ran = true));

    await pacer.pause();

    expect(ran).toBe(true);
  });

  it('rejects a pause with the reason of a fired signal', async () => {
    const pacer = new PixelPacer(abortedSignal(), 100);

    await expect(pacer.pause()).rejects.toHaveProperty('name', 'AbortError');
  });

  it('gives a megapixel of work per turn by default', () => {
    const pacer = new PixelPacer(liveSignal());

    expect(PIXELS_PER_TURN).toBe(1_048_576);
    expect(pacer.spend(PIXELS_PER_TURN - 1)).toBe(false);
    expect(pacer.spend(1)).toBe(true);
  });
});
