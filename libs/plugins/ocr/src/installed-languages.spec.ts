import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultLanguageOf, findInstalledLanguages } from './installed-languages';
import { fakeLanguage as language } from './testing/test-doubles';

describe('findInstalledLanguages', () => {
  it('finds the English model installed as @tesseract.js-data/eng, in its LSTM best_int folder', () => {
    const eng = findInstalledLanguages().find(({ code }) => code === 'eng');

    expect(eng).toEqual({
      code: 'eng',
      packageName: '@tesseract.js-data/eng',
      packageVersion: '1.0.0',
      model: '4.0.0_best_int',
      langPath: join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int'),
    });
    expect(existsSync(join(eng?.langPath ?? '', 'eng.traineddata.gz'))).toBe(true);
  });

  it('lists each language once, sorted by code', () => {
    const codes = findInstalledLanguages().map(({ code }) => code);

    expect(codes).toEqual([...new Set(codes)].sort());
  });
});

describe('defaultLanguageOf', () => {
  it('prefers English when it is installed', () => {
    expect(defaultLanguageOf([language('deu'), language('eng')])?.code).toBe('eng');
  });

  it('falls back to the first installed language, or none', () => {
    expect(defaultLanguageOf([language('deu'), language('fra')])?.code).toBe('deu');
    expect(defaultLanguageOf([])).toBeUndefined();
  });
});
