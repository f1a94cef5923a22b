import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker as NodeWorker } from 'node:worker_threads';
import { createWorker, OEM, type Page, type PSM, type Worker as TesseractJsWorker, type WorkerOptions, type WorkerParams } from 'tesseract.js';
import type { InstalledLanguage } from './installed-languages';
import type { PageSegmentationMode } from './page-segmentation';

/**
 * The local tesseract.js-core folder (the WebAssembly engine). tesseract.js's Node adapter loads the
 * core with its own `require('tesseract.js-core/…')` and ignores `corePath`; it is set anyway so the
 * configuration names every file it reads, and no code path falls back to the CDN default.
 */
const CORE_PATH = dirname(createRequire(__filename).resolve('tesseract.js-core/package.json'));

/**
 * Init config of every worker: tesseract's diagnostics (the missing `osd` model, "invalid resolution"
 * warnings, segmentation statistics) go to /dev/null in the engine's in-memory file system instead of
 * the server's stdout.
 */
const QUIET_CONFIG = 'debug_file /dev/null';

/** Hooks the tesseract.js logger and error handler call; set for the duration of a start or a recognition. */
interface WorkerHooks {
  progress?: (fraction: number) => void;
  startFailed?: (error: Error) => void;
}

/**
 * One tesseract.js worker (a worker thread running the WebAssembly engine) with one language loaded,
 * from local files only: `langPath` is the installed model folder, the cache is off (`cacheMethod:
 * 'none'`: nothing is read from or written to the working directory) and the model is read gzipped.
 * It recognises one image at a time; {@link WorkerPool} lends it to one call at a time.
 */
export class TesseractWorker {
  private stopping = false;
  /** The page segmentation mode set on the engine; tesseract.js starts its workers in 6 (one block). */
  private psm: PageSegmentationMode | undefined;
  private readonly exited: Promise<void>;
  private readonly died: Promise<never>;

  private constructor(
    private readonly engine: TesseractJsWorker,
    private readonly hooks: WorkerHooks,
  ) {
    const thread = threadOf(engine);
    this.exited = thread === undefined ? Promise.resolve() : new Promise((resolve) => thread.once('exit', () => resolve()));
    this.died = new Promise<never>((_, reject) => {
      // tesseract.js does not listen for its thread's errors; without a listener, an error there would
      // be rethrown in the server's main thread.
      thread?.on('error', (error: Error) => reject(new Error(`the tesseract worker thread failed: ${error.message}`)));
      thread?.once('exit', (code: number) => {
        if (!this.stopping) reject(new Error(`the tesseract worker thread exited unexpectedly (code ${code})`));
      });
    });
    this.died.catch(() => undefined);
  }

  /** Starts a worker with `language` loaded. Rejects with tesseract's reason if the model cannot load. */
  static async start(language: InstalledLanguage): Promise<TesseractWorker> {
    const hooks: WorkerHooks = {};
    const startFailed = new Promise<never>((_, reject) => (hooks.startFailed = reject));
    const starting = createWorker(language.code, OEM.LSTM_ONLY, workerOptions(language, hooks), QUIET_CONFIG);
    // When the model fails to load, tesseract.js 7 calls the error handler but never settles
    // `createWorker` (and its thread cannot be reached to terminate it): the handler is the only signal.
    const engine = await Promise.race([starting, startFailed]);
    hooks.startFailed = undefined;
    return new TesseractWorker(engine, hooks);
  }

  /** Recognises the text of `image` (a file Leptonica reads: PGM, PNG, ...) in `psm`, reporting progress 0..1. */
  async recognize(image: Buffer, psm: PageSegmentationMode, onProgress?: (fraction: number) => void): Promise<Page> {
    this.hooks.progress = onProgress;
    try {
      if (psm !== this.psm) {
        // Set on the worker, only when it changes: a parameter passed to `recognize` is saved and restored
        // around that call, with every other parameter of the engine (measured: 2-4 ms of an 80 ms call).
        const parameters: Partial<WorkerParams> = { tessedit_pageseg_mode: String(psm) as PSM };
        await Promise.race([this.engine.setParameters(parameters), this.died]);
        this.psm = psm;
      }
      const { data } = await Promise.race([this.engine.recognize(image, {}, { text: true, blocks: true }), this.died]);
      return data;
    } catch (reason) {
      throw tesseractError('tesseract could not recognise the image', reason);
    } finally {
      this.hooks.progress = undefined;
    }
  }

  /** Terminates the thread (abandoning any recognition) and resolves once it has exited. */
  async terminate(): Promise<void> {
    this.stopping = true;
    await this.engine.terminate();
    await this.exited;
  }
}

/** Options of every tesseract.js worker: local files only, no cache, progress and errors to `hooks`. */
function workerOptions(language: InstalledLanguage, hooks: WorkerHooks): Partial<WorkerOptions> {
  return {
    langPath: language.langPath,
    corePath: CORE_PATH,
    cacheMethod: 'none',
    gzip: true,
    logger: (message) => {
      if (message.status === 'recognizing text') hooks.progress?.(message.progress);
    },
    // Without an error handler, tesseract.js throws every failure inside its message listener (an
    // uncaught exception); the promise of the failed job rejects either way.
    errorHandler: (reason: unknown) => {
      const model = `${language.packageName} (${language.model})`;
      hooks.startFailed?.(tesseractError(`could not load the ${language.code} model of ${model}`, reason));
    },
  };
}

/**
 * The worker thread behind a tesseract.js worker. tesseract.js 7 exposes it as `worker` on the object
 * `createWorker` resolves with (not in its typings); without it, `terminate` cannot wait for the exit
 * and a crash of the thread is only noticed by the call's deadline.
 */
function threadOf(engine: TesseractJsWorker): NodeWorker | undefined {
  const thread: unknown = (engine as TesseractJsWorker & { worker?: unknown }).worker;
  return thread instanceof NodeWorker ? thread : undefined;
}

/** tesseract.js rejects with strings such as "Error: Error attempting to read image."; make them Errors. */
function tesseractError(context: string, reason: unknown): Error {
  const detail = reason instanceof Error ? reason.message : String(reason).replace(/^Error: /, '');
  return new Error(`${context}: ${detail}`, { cause: reason });
}
