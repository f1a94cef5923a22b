import type { Page } from 'tesseract.js';
import type { InstalledLanguage } from './installed-languages';
import type { PageSegmentationMode } from './page-segmentation';
import { TesseractWorker } from './tesseract-worker';
import { type PoolWorkerFactory, WorkerPool } from './worker-pool';

/** One recognition asked of the {@link OcrEngine}. */
export interface RecognitionRequest {
  /** The image file tesseract reads: the greyscale PGM of `toOcrImage`. */
  readonly image: Buffer;
  readonly language: InstalledLanguage;
  readonly psm: PageSegmentationMode;
  /** Aborting it rejects the recognition at once with the signal's reason. */
  readonly signal: AbortSignal;
  /** Receives tesseract's recognition progress, 0..1. */
  readonly onProgress?: (fraction: number) => void;
}

/** Starts a worker for a language; {@link TesseractWorker.start} unless a test passes its own. */
export type StartWorker = (language: InstalledLanguage) => Promise<TesseractWorker>;

/**
 * The plugin's tesseract workers: one {@link WorkerPool} of up to `concurrency` workers per language,
 * created when the language is first used (or warmed) and kept until {@link dispose}.
 */
export class OcrEngine {
  private readonly pools = new Map<string, WorkerPool<TesseractWorker>>();
  private disposed: Error | undefined;

  constructor(
    readonly concurrency: number,
    private readonly startWorker: StartWorker = (language) => TesseractWorker.start(language),
  ) {}

  /** Workers started or starting, over every language. */
  get workerCount(): number {
    let count = 0;
    for (const pool of this.pools.values()) count += pool.size;
    return count;
  }

  /** Starts all the workers of `language` now, so that the first calls do not wait for them. */
  warm(language: InstalledLanguage): Promise<void> {
    if (this.disposed !== undefined) return Promise.reject(this.disposed);
    return this.poolFor(language).warm();
  }

  /** Recognises the text of one image on a free worker of its language. */
  recognize(request: RecognitionRequest): Promise<Page> {
    if (this.disposed !== undefined) return Promise.reject(this.disposed);
    return this.poolFor(request.language).use(request.signal, (worker) =>
      worker.recognize(request.image, request.psm, request.onProgress),
    );
  }

  /** Rejects the calls in flight and terminates every worker; resolves once all threads have exited. */
  async dispose(): Promise<void> {
    this.disposed ??= new Error('the OCR engine has been shut down; retry the call on a running server.');
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.dispose(this.disposed)));
  }

  private poolFor(language: InstalledLanguage): WorkerPool<TesseractWorker> {
    let pool = this.pools.get(language.code);
    if (pool === undefined) {
      const factory: PoolWorkerFactory<TesseractWorker> = {
        start: () => this.startWorker(language),
        stop: (worker) => worker.terminate(),
      };
      pool = new WorkerPool(this.concurrency, factory);
      this.pools.set(language.code, pool);
    }
    return pool;
  }
}
