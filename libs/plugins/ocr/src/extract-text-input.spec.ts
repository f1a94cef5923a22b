import { ToolInputError } from '@forgesyte/plugin-sdk';
import { toExtractTextRequest } from './extract-text-input';
import { fakeLanguage as language } from './testing/test-doubles';

const installed = [language('deu'), language('eng')];
const image = { image: 'iVBORw0KGgo=', mime_type: 'image/png' } as const;

describe('toExtractTextRequest', () => {
  it('defaults to English and fully automatic page segmentation (3)', () => {
    expect(toExtractTextRequest(image, installed)).toEqual({ image, language: installed[1], psm: 3 });
  });

  it('takes an installed language and a supported mode when given', () => {
    expect(toExtractTextRequest({ ...image, lang: 'deu', psm: 7 }, installed)).toEqual({
      image,
      language: installed[0],
      psm: 7,
    });
  });

  it('rejects a language that is not installed, naming the installed ones and how to add it', () => {
    const call = () => toExtractTextRequest({ ...image, lang: 'fra' }, installed);

    expect(call).toThrow(ToolInputError);
    expect(call).toThrow('`lang` "fra" is not an installed OCR language; the installed ones are: deu, eng.');
    expect(call).toThrow('npm install @tesseract.js-data/fra');
  });

  it('rejects a language that is not a string', () => {
    expect(() => toExtractTextRequest({ ...image, lang: 42 }, installed)).toThrow(
      '`lang` 42 is not an installed OCR language',
    );
  });

  it.each([0, 1, 2, 12, 14, 3.5, '3'])('rejects page segmentation mode %p, listing the supported ones', (psm) => {
    const call = () => toExtractTextRequest({ ...image, psm }, installed);

    expect(call).toThrow(ToolInputError);
    expect(call).toThrow('Send an integer among 3, 4, 5, 6, 7, 8, 9, 10, 11, 13');
  });

  it('rejects args that are not image args', () => {
    expect(() => toExtractTextRequest({ image: 7 }, installed)).toThrow(
      'ocr extract_text args must be { image: base64 string, mime_type: one of',
    );
  });
});
