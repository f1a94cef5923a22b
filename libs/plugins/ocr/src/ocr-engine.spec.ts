import { fakeToolContext } from '@forgesyte/image-io/testing';
import type { ToolContext } from '@forgesyte/plugin-sdk';
import sharp from 'sharp';
import { extractText } from './extract-text.tool';
import { toExtractTextRequest } from './extract-text-input';
import { defaultLanguageOf, findInstalledLanguages, type InstalledLanguage } from './installed-languages';
import { OcrEngine } from './ocr-engine';
import { TesseractWorker } from './tesseract-worker';
import { ocrFixture, ocrFixtureText } from './testing/ocr-fixtures';
import { threadHandles } from './testing/test-doubles';
import { wordAccuracy } from './testing/word-accuracy';

const languages = findInstalledLanguages();
const eng = defaultLanguageOf(languages) as InstalledLanguage;
const fixtureRequest = () => toExtractTextRequest(ocrFixture('ocr-text.png').input, languages);

/** The fixture stacked `copies` times: a page that takes tesseract long enough to be cancelled mid-way. */
async function longPage(copies: number): Promise<Buffer> {
  const png = Buffer.from(ocrFixture('ocr-text.png').input.image, 'base64');
  const { width, height } = ocrFixture('ocr-text.png');
  return sharp({ create: { width, height: height * copies, channels: 3, background: '#ffffff' } })
    .composite(Array.from({ length: copies }, (_, index) => ({ input: png, top: index * height, left: 0 })))
    .png()
    .toBuffer();
}

describe(OcrEngine.name, () => {
  let engine: OcrEngine;
  let startedWorkers: number;

  beforeEach(() => {
    startedWorkers = 0;
    engine = new OcrEngine(2, (language) => {
      startedWorkers += 1;
      return TesseractWorker.start(language);
    });
  });

  afterEach(() => engine.dispose());

  it('reads four images sent at once, correctly, on no more than two workers', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => extractText(fixtureRequest(), engine, fakeToolContext())));

    for (const result of results) expect(wordAccuracy(ocrFixtureText(), result.text)).toBeGreaterThanOrEqual(0.9);
    expect(startedWorkers).toBe(2);
    expect(engine.workerCount).toBe(2);
  });

  it('rejects a call cancelled mid-recognition at once with the signal reason, and reads the next image', async () => {
    const page = await longPage(6);
    const controller = new AbortController();
    let abortedAt = 0;
    const context: ToolContext = {
      ...fakeToolContext(controller.signal),
      // Cancel as soon as tesseract reports it is recognising: the recognition is under way.
      progress: () => {
        if (abortedAt > 0) return;
        abortedAt = performance.now();
        controller.abort(new Error('cancelled by the caller'));
      },
    };
    const started = performance.now();

    const call = extractText(toExtractTextRequest({ image: page.toString('base64'), mime_type: 'image/png' }, languages), engine, context);

    await expect(call).rejects.toThrow('cancelled by the caller');
    const rejectedAfterMs = performance.now() - abortedAt;
    expect(abortedAt).toBeGreaterThan(started);
    // Not after the recognition: a whole one of this page took 2.5 s here. The bound is generous for a
    // shared machine (a loaded CI run took 108 ms, over the 100 ms this test first allowed).
    expect(rejectedAfterMs).toBeLessThan(1_000);
    const next = await extractText(fixtureRequest(), engine, fakeToolContext());
    expect(wordAccuracy(ocrFixtureText(), next.text)).toBeGreaterThanOrEqual(0.9);
    // The cancelled call's worker was terminated and replaced, not reused.
    expect(startedWorkers).toBe(2);
    expect(engine.workerCount).toBe(1);
  });

  it('reads each call in its own page segmentation mode on a reused worker', async () => {
    const single = new OcrEngine(1);
    const read = (psm?: number) =>
      extractText(toExtractTextRequest({ ...ocrFixture('ocr-text.png').input, psm }, languages), single, fakeToolContext());
    try {
      const asOneLine = await read(7);
      const automatic = await read();
      const asOneLineAgain = await read(7);

      expect(single.workerCount).toBe(1);
      expect(asOneLine.lines.length).toBeLessThanOrEqual(1);
      expect(automatic.lines).toHaveLength(ocrFixtureText().split('\n').length);
      expect(asOneLineAgain).toEqual(asOneLine);
    } finally {
      await single.dispose();
    }
  });

  it('starts the workers of a language when warmed', async () => {
    await engine.warm(eng);

    expect(engine.workerCount).toBe(2);
  });

  it('terminates every worker thread when disposed, and refuses calls after', async () => {
    const before = threadHandles();
    await engine.warm(eng);
    expect(threadHandles()).toBe(before + 2);

    await engine.dispose();

    expect(threadHandles()).toBe(before);
    expect(engine.workerCount).toBe(0);
    await expect(extractText(fixtureRequest(), engine, fakeToolContext())).rejects.toThrow('the OCR engine has been shut down');
  });

  it('rejects a call in flight when disposed', async () => {
    const call = extractText(fixtureRequest(), engine, fakeToolContext());
    const rejected = expect(call).rejects.toThrow('the OCR engine has been shut down');
    await new Promise((resolve) => setTimeout(resolve, 50));

    await engine.dispose();

    await rejected;
  });
});
