import { variantFigures } from './http-variants.section';

describe(variantFigures.name, () => {
  it("divides each variant's req/s by the plain target's, round by round", () => {
    const figures = variantFigures({ plain: [1000, 2000, 1000], rateLimited: [990, 1900, 980], storedKeys: [1000, 1000, 1000] });

    expect(figures.ratios.rateLimited).toEqual({ median: 0.98, lowest: 0.95, highest: 0.99 });
    expect(figures.ratios.storedKeys).toEqual({ median: 1, lowest: 0.5, highest: 1 });
  });
});
