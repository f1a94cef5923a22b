import { iou, matchedIous } from './iou';

describe('iou', () => {
  it('is 1 for the same box', () => {
    expect(iou({ x: 3, y: 4, width: 10, height: 5 }, { x: 3, y: 4, width: 10, height: 5 })).toBe(1);
  });

  it('is 0 for boxes that only touch edge to edge', () => {
    expect(iou({ x: 0, y: 0, width: 2, height: 2 }, { x: 2, y: 0, width: 2, height: 2 })).toBe(0);
  });

  it('is 0 for boxes far apart', () => {
    expect(iou({ x: 0, y: 0, width: 2, height: 2 }, { x: 50, y: 50, width: 2, height: 2 })).toBe(0);
  });

  it('divides the shared pixels by the pixels of either box', () => {
    // 10x10 boxes offset by 5 in x: 50 shared pixels out of 100 + 100 - 50.
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBe(50 / 150);
  });

  it('scores a box inside another by their area ratio', () => {
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 2, y: 2, width: 5, height: 5 })).toBe(25 / 100);
  });
});

describe('matchedIous', () => {
  const left = { x: 0, y: 0, width: 10, height: 10 };
  const right = { x: 100, y: 0, width: 10, height: 10 };

  it('pairs each expected box with its own actual box, whatever their order', () => {
    expect(matchedIous([left, right], [right, { ...left, width: 8 }])).toEqual([0.8, 1]);
  });

  it('gives 0 to an expected box no actual box overlaps', () => {
    expect(matchedIous([left, right], [left])).toEqual([1, 0]);
  });

  it('does not let one actual box count for two expected boxes', () => {
    const both = { x: 0, y: 0, width: 110, height: 10 };

    const scores = matchedIous([left, { ...left, x: 5 }], [both]);

    expect(scores.filter((score) => score > 0)).toHaveLength(1);
  });
});
