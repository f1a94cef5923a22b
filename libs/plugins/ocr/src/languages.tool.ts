import type { ToolDefinition } from '@forgesyte/plugin-sdk';
import { defaultLanguageOf, type InstalledLanguage } from './installed-languages';
import { languagesInputSchema, languagesOutputSchema } from './languages.schema';

/** One installed language model, as the `languages` tool reports it. */
export interface LanguageModelInfo {
  /** The code to send as `lang`, e.g. `eng`. */
  readonly code: string;
  /** The npm package that holds the model. */
  readonly package: string;
  readonly version: string;
  /** The model folder inside the package, e.g. `4.0.0_best_int`. */
  readonly model: string;
}

/** Result of the `languages` tool. */
export interface InstalledLanguages {
  /** The language `extract_text` reads when `lang` is absent. */
  readonly default_language: string;
  readonly languages: LanguageModelInfo[];
}

/** The `languages` tool: which language models are installed. Takes no args. */
export const languagesTool: ToolDefinition = {
  description: 'Lists the installed OCR language models: the codes extract_text accepts as `lang`, and the default.',
  inputSchema: languagesInputSchema,
  outputSchema: languagesOutputSchema,
  timeoutMs: 1_000,
  isolation: 'inline',
};

/** Runs the `languages` tool. */
export function listLanguages(languages: readonly InstalledLanguage[]): InstalledLanguages {
  return {
    default_language: defaultLanguageOf(languages)?.code ?? '',
    languages: languages.map((language) => ({
      code: language.code,
      package: language.packageName,
      version: language.packageVersion,
      model: language.model,
    })),
  };
}
