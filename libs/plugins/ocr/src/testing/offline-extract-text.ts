/**
 * Run by ocr.offline.spec.ts in a child process whose network is blocked (see block-network.cjs): starts a
 * real tesseract worker the way the plugin does, reads the PNG fixture, and prints the result as JSON.
 */
import { fakeToolContext } from '@forgesyte/image-io/testing';
import { extractText } from '../extract-text.tool';
import { toExtractTextRequest } from '../extract-text-input';
import { findInstalledLanguages } from '../installed-languages';
import { OcrEngine } from '../ocr-engine';
import { ocrFixture } from './ocr-fixtures';

async function main(): Promise<void> {
  const engine = new OcrEngine(1);
  try {
    const request = toExtractTextRequest(ocrFixture('ocr-text.png').input, findInstalledLanguages());
    const result = await extractText(request, engine, fakeToolContext());
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await engine.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
