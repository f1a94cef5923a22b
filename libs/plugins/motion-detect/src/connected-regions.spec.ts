import { findRegions } from './connected-regions';
import { PixelPacer } from './pixel-pacer';

const pacer = (): PixelPacer => new PixelPacer(new AbortController().signal);

/** A mask from rows of text: `#` is a changed pixel, anything else is not. */
function maskOf(rows: readonly string[]): { mask: Uint8Array; width: number; height: number } {
  const width = rows[0].length;
  const mask = Uint8Array.from(rows.join('').split(''), (cell) => (cell === '#' ? 1 : 0));
  return { mask, width, height: rows.length };
}

function regionsOf(rows: readonly string[], minArea = 1) {
  const { mask, width, height } = maskOf(rows);
  return findRegions(mask, width, height, minArea, pacer());
}

describe('findRegions', () => {
  it('finds nothing in an empty mask', async () => {
    expect(await regionsOf(['.....', '.....'])).toEqual([]);
  });

  it('reports two separate blobs as two regions, not one box around both', async () => {
    const regions = await regionsOf([
      '##......',
      '##...###',
      '.....###',
    ]);

    expect(regions).toEqual([
      { x: 5, y: 1, width: 3, height: 2, area: 6 },
      { x: 0, y: 0, width: 2, height: 2, area: 4 },
    ]);
  });

  it('reports an L-shape as one region whose area counts only its changed pixels', async () => {
    const regions = await regionsOf([
      '#...',
      '#...',
      '####',
    ]);

    expect(regions).toEqual([{ x: 0, y: 0, width: 4, height: 3, area: 6 }]);
  });

  it('joins pixels that touch only at a corner (8-connectivity)', async () => {
    const regions = await regionsOf([
      '#...',
      '.#..',
      '..#.',
      '.#..',
    ]);

    expect(regions).toEqual([{ x: 0, y: 0, width: 3, height: 4, area: 4 }]);
  });

  it('joins a region whose first pixel in raster order is right of its leftmost column', async () => {
    const regions = await regionsOf([
      '...#',
      '..#.',
      '.#..',
      '#...',
    ]);

    expect(regions).toEqual([{ x: 0, y: 0, width: 4, height: 4, area: 4 }]);
  });

  it('finds regions touching every border and corner of the frame', async () => {
    const regions = await regionsOf([
      '#..#',
      '....',
      '#..#',
    ]);

    expect(regions.map(({ x, y }) => [x, y])).toEqual([[0, 0], [3, 0], [0, 2], [3, 2]]);
  });

  it('drops regions smaller than the minimum area and keeps those of exactly that area', async () => {
    const regions = await regionsOf([
      '#.....##.',
      '.......#.',
      '..#......',
    ], 3);

    expect(regions).toEqual([{ x: 6, y: 0, width: 2, height: 2, area: 3 }]);
  });

  it('orders regions by area, largest first, then top to bottom and left to right', async () => {
    const regions = await regionsOf([
      '#.#.###',
      '.......',
      '#.##...',
    ]);

    expect(regions.map(({ x, y, area }) => [x, y, area])).toEqual([[4, 0, 3], [2, 2, 2], [0, 0, 1], [2, 0, 1], [0, 2, 1]]);
  });

  it('fills a serpentine region of a million pixels without recursion', async () => {
    // Every other row is set; alternate rows are joined at alternate ends: one 1000-row snake.
    const size = 1000;
    const mask = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) {
      if (y % 2 === 0) mask.fill(1, y * size, (y + 1) * size);
      else mask[y * size + ((y >> 1) % 2 === 0 ? size - 1 : 0)] = 1;
    }
    const area = mask.reduce((sum, value) => sum + value, 0);

    const regions = await findRegions(mask, size, size, 1, pacer());

    expect(regions).toEqual([{ x: 0, y: 0, width: size, height: size, area }]);
  });

  it('consumes the mask', async () => {
    const { mask, width, height } = maskOf(['##.', '..#']);

    await findRegions(mask, width, height, 1, pacer());

    expect(Array.from(mask)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses a mask whose length does not match its size', async () => {
    await expect(findRegions(new Uint8Array(5), 3, 2, 1, pacer())).rejects.toThrow('expects a 3x2 mask; got 5 bytes');
  });

  it('stops inside the fill of a region larger than one batch when the signal fires', async () => {
    // 300x300 = 90,000 pixels, one region: the first pause comes from the fill, not from a row.
    const controller = new AbortController();
    const mask = new Uint8Array(300 * 300).fill(1);

    const result = findRegions(mask, 300, 300, 1, new PixelPacer(controller.signal, 1_000));
    controller.abort();

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });

  it('stops between rows when the signal fires while it runs', async () => {
    const controller = new AbortController();
    const mask = new Uint8Array(64 * 64);

    const result = findRegions(mask, 64, 64, 1, new PixelPacer(controller.signal, 64));
    controller.abort();

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
