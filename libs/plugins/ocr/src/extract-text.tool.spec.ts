import { ToolInputError } from '@forgesyte/plugin-sdk';
import { abortedSignal, fakeToolContext, hugeHeaderPng, imageInput } from '@forgesyte/image-io/testing';
import sharp from 'sharp';
import { extractText } from './extract-text.tool';
import { type ExtractTextRequest, toExtractTextRequest } from './extract-text-input';
import { findInstalledLanguages } from './installed-languages';
import { OcrEngine } from './ocr-engine';
import { OCR_FIXTURE_NAMES, ocrFixture, ocrFixtureText } from './testing/ocr-fixtures';
import { wordAccuracy } from './testing/word-accuracy';

const languages = findInstalledLanguages();
const request = (args: object): ExtractTextRequest => toExtractTextRequest(args, languages);

describe('extractText', () => {
  const engine = new OcrEngine(2);

  afterAll(() => engine.dispose());

  describe.each(OCR_FIXTURE_NAMES)('on the fixture %s', (name) => {
    const fixture = ocrFixture(name);

    it('reads the known text with a word accuracy of at least 90%', async () => {
      const result = await extractText(request(fixture.input), engine, fakeToolContext());

      expect(wordAccuracy(ocrFixtureText(), result.text)).toBeGreaterThanOrEqual(0.9);
      expect(result.confidence).toBeGreaterThan(80);
    });

    it('returns one line per printed line and every word with a box inside the image', async () => {
      const result = await extractText(request(fixture.input), engine, fakeToolContext());

      expect(result.lines.map((line) => line.text)).toHaveLength(ocrFixtureText().split('\n').length);
      expect(result.words.length).toBeGreaterThanOrEqual(25);
      for (const { bbox } of [...result.words, ...result.lines]) {
        expect(bbox.x0).toBeLessThan(bbox.x1);
        expect(bbox.y0).toBeLessThan(bbox.y1);
        expect(bbox.x1).toBeLessThanOrEqual(fixture.width);
        expect(bbox.y1).toBeLessThanOrEqual(fixture.height);
      }
    });
  });

  it('keeps words and lines consistent: each line is its words joined by spaces', async () => {
    const result = await extractText(request(ocrFixture('ocr-text.png').input), engine, fakeToolContext());

    expect(result.lines.map((line) => line.text).join(' ')).toBe(result.words.map((word) => word.text).join(' '));
    expect(result.text).toBe(result.lines.map((line) => line.text).join('\n'));
  });

  it('passes the page segmentation mode to tesseract: 7 reads the image as a single line', async () => {
    const result = await extractText(request({ ...ocrFixture('ocr-text.png').input, psm: 7 }), engine, fakeToolContext());

    expect(result.lines.length).toBeLessThanOrEqual(1);
  });

  it('reads dark text on a transparent background (flattened onto white)', async () => {
    const text = await sharp({ text: { text: 'Transparent background', font: 'DejaVu Sans 20', dpi: 150, rgba: true } })
      .extend({ top: 20, bottom: 20, left: 20, right: 20, background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer();

    const result = await extractText(request(imageInput(text, 'image/png')), engine, fakeToolContext());

    expect(result.text).toBe('Transparent background');
  });

  it('returns no text and confidence 0 for a blank image', async () => {
    const blank = await sharp({ create: { width: 120, height: 40, channels: 3, background: '#ffffff' } }).png().toBuffer();

    const result = await extractText(request(imageInput(blank, 'image/png')), engine, fakeToolContext());

    expect(result).toEqual({ text: '', confidence: 0, words: [], lines: [] });
  });

  describe('rejects an unreadable image with a ToolInputError that says how to fix it', () => {
    it.each([
      ['a zero-byte image', { image: '', mime_type: 'image/png' }, '`image` is empty: it decodes from base64 to 0 bytes'],
      ['corrupt bytes', imageInput(Buffer.from('definitely not an image'), 'image/jpeg'), '`image` could not be decoded as image/jpeg'],
      ['a decompression bomb', imageInput(hugeHeaderPng(100_000, 100_000), 'image/png'), 'over the cap of 40000000 pixels'],
    ])('%s', async (_, args, message) => {
      const result = extractText(request(args), engine, fakeToolContext());

      await expect(result).rejects.toBeInstanceOf(ToolInputError);
      await expect(result).rejects.toThrow(message);
    });

    it('a PNG declared as image/jpeg', async () => {
      const png = Buffer.from(ocrFixture('ocr-text.png').input.image, 'base64');

      const result = extractText(request(imageInput(png, 'image/jpeg')), engine, fakeToolContext());

      await expect(result).rejects.toBeInstanceOf(ToolInputError);
      await expect(result).rejects.toThrow('`mime_type` is image/jpeg but `image` is a png image.');
    });

    it('a truncated PNG', async () => {
      const png = Buffer.from(ocrFixture('ocr-text.png').input.image, 'base64');

      const result = extractText(request(imageInput(png.subarray(0, png.length / 2), 'image/png')), engine, fakeToolContext());

      await expect(result).rejects.toBeInstanceOf(ToolInputError);
      await expect(result).rejects.toThrow('`image` could not be decoded as image/png');
    });
  });

  it('rejects when the signal has already fired', async () => {
    const result = extractText(request(ocrFixture('ocr-text.png').input), engine, fakeToolContext(abortedSignal()));

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
