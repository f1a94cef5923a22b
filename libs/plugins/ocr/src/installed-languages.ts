import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

/** The package-name prefix (npm organisation) of tesseract.js's language packages: `@tesseract.js-data/eng`, `@tesseract.js-data/deu`, ... */
export const LANGUAGE_DATA_SCOPE = '@tesseract.js-data';

/**
 * The model folder read from each language package. `4.0.0_best_int` holds the LSTM-only "best" model
 * quantised to integers: what tesseract.js itself downloads for the LSTM engine, a third of the size of
 * `4.0.0` (which adds the legacy engine this plugin does not use), and as accurate on the fixtures.
 */
export const MODEL_FOLDER = '4.0.0_best_int';

/** A tesseract language model installed as an npm package, ready to load from disk. */
export interface InstalledLanguage {
  /** Tesseract's language code, e.g. `eng`. */
  readonly code: string;
  /** The npm package that holds the model, e.g. `@tesseract.js-data/eng`. */
  readonly packageName: string;
  /** Version of that package. */
  readonly packageVersion: string;
  /** The model folder inside the package, e.g. `4.0.0_best_int`. */
  readonly model: string;
  /** Absolute folder holding `<code>.traineddata.gz`: tesseract's `langPath`. */
  readonly langPath: string;
}

/** What a `@tesseract.js-data/<code>` package's main module exports. */
interface LanguagePackageEntry {
  readonly code?: unknown;
  readonly langPath?: unknown;
}

/**
 * Lists the language models installed as `@tesseract.js-data/*` packages, sorted by code. Packages are
 * found the way Node resolves them from this file (every `node_modules` up the tree), each resolved with
 * `require.resolve`; one without a readable `<code>.traineddata.gz` is left out.
 */
export function findInstalledLanguages(): InstalledLanguage[] {
  const requireHere = createRequire(__filename);
  const names = new Set<string>();
  for (const modules of requireHere.resolve.paths(LANGUAGE_DATA_SCOPE) ?? []) {
    const packagesDir = join(modules, LANGUAGE_DATA_SCOPE);
    if (!existsSync(packagesDir)) continue;
    for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
      if (entry.isDirectory() || entry.isSymbolicLink()) names.add(`${LANGUAGE_DATA_SCOPE}/${entry.name}`);
    }
  }
  return [...names]
    .flatMap((packageName) => {
      const language = readLanguagePackage(packageName, requireHere);
      return language === undefined ? [] : [language];
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The language `packageName` holds, or undefined when it is not a loadable language package. */
function readLanguagePackage(packageName: string, requireHere: NodeJS.Require): InstalledLanguage | undefined {
  let packageJsonPath: string;
  let entry: LanguagePackageEntry;
  try {
    packageJsonPath = requireHere.resolve(`${packageName}/package.json`);
    entry = requireHere(packageName) as LanguagePackageEntry;
  } catch {
    return undefined;
  }
  const code = typeof entry.code === 'string' ? entry.code : packageName.slice(LANGUAGE_DATA_SCOPE.length + 1);
  const packageDir = dirname(packageJsonPath);
  // Prefer MODEL_FOLDER; fall back to the folder the package itself points at.
  const candidates = [join(packageDir, MODEL_FOLDER), ...(typeof entry.langPath === 'string' ? [entry.langPath] : [])];
  const langPath = candidates.find((folder) => existsSync(join(folder, `${code}.traineddata.gz`)));
  if (langPath === undefined) return undefined;
  const { version } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown };
  return {
    code,
    packageName,
    packageVersion: typeof version === 'string' ? version : 'unknown',
    model: relative(packageDir, langPath) || '.',
    langPath,
  };
}

/** The language used when a call names none: `eng` when installed, else the first installed. */
export function defaultLanguageOf(languages: readonly InstalledLanguage[]): InstalledLanguage | undefined {
  return languages.find((language) => language.code === 'eng') ?? languages[0];
}
