import sharp from 'sharp';
import { createWorker, OEM, type PSM } from 'tesseract.js';
import { defaultLanguageOf, findInstalledLanguages } from '../../../../libs/plugins/ocr/src/installed-languages';
import { median } from '../stats';

/** One `POST /v1/analyze-execution` with `body`, checked for success; resolves with its wall time in ms. */
export type Analyze = (body: object) => Promise<number>;

/** The OCR row: the API and tesseract.js alone on the same image, medians of round medians, and their ratio. */
export interface OcrOverhead {
  readonly apiMs: number;
  readonly directMs: number;
  /** Median of the round-by-round ratios API / direct. */
  readonly ratio: number;
  readonly rounds: number;
  readonly callsPerRound: number;
}

/**
 * A held-out image (not one of the test fixtures the plugin was tuned on): 900x250 RGBA PNG, two lines of
 * dark serif text on off-white, drawn from an SVG by sharp (librsvg + fontconfig, offline).
 */
export function heldOutOcrPng(): Promise<Buffer> {
  const line = (y: number, text: string): string =>
    `<text x="40" y="${y}" font-family="DejaVu Serif" font-size="40" fill="#222">${text}</text>`;
  const svg = [
    '<svg xmlns="http://www.w3.org/2000/svg" width="900" height="250">',
    '<rect width="100%" height="100%" fill="#fdfcf7"/>',
    line(100, 'Held-out lines measure the engine'),
    line(180, 'against the governed API call.'),
    '</svg>',
  ].join('');
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * Measures `analyze` (the API) against a tesseract.js worker of its own doing the same work: the model
 * the plugin loads, the same worker options, page segmentation mode 3 (the plugin's default, set once
 * as a tesseract.js user would) and the same outputs (text and blocks), on the caller's PNG as is. The
 * calls alternate, one of each at a time, so both see the same machine; each round gives a ratio.
 */
export async function measureOcrOverhead(analyze: Analyze, rounds: number, callsPerRound: number): Promise<OcrOverhead> {
  const language = defaultLanguageOf(findInstalledLanguages());
  if (language === undefined) throw new Error('no @tesseract.js-data/* model is installed: run npm install.');
  const direct = await createWorker(language.code, OEM.LSTM_ONLY, { langPath: language.langPath, cacheMethod: 'none', gzip: true }, 'debug_file /dev/null');
  try {
    await direct.setParameters({ tessedit_pageseg_mode: '3' as PSM });
    const png = await heldOutOcrPng();
    const body = { plugin: 'ocr', tool: 'extract_text', image: png.toString('base64'), mime_type: 'image/png' };
    const recognize = async (): Promise<number> => {
      const startedAt = performance.now();
      await direct.recognize(png, {}, { text: true, blocks: true });
      return performance.now() - startedAt;
    };
    for (let i = 0; i < 3; i++) {
      await analyze(body);
      await recognize();
    }
    const [apiMedians, directMedians, ratios]: number[][] = [[], [], []];
    for (let round = 0; round < rounds; round++) {
      const [api, alone]: number[][] = [[], []];
      for (let i = 0; i < callsPerRound; i++) {
        api.push(await analyze(body));
        alone.push(await recognize());
      }
      apiMedians.push(median(api));
      directMedians.push(median(alone));
      ratios.push(median(api) / median(alone));
    }
    return { apiMs: median(apiMedians), directMs: median(directMedians), ratio: median(ratios), rounds, callsPerRound };
  } finally {
    await direct.terminate();
  }
}
