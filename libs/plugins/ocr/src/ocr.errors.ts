import { ToolInputError } from '@forgesyte/plugin-sdk';
import { PAGE_SEGMENTATION_MODE_VALUES } from './page-segmentation';

/** `lang` names no installed language model. */
export function unknownLanguageError(lang: unknown, installed: readonly string[]): ToolInputError {
  const shown = typeof lang === 'string' ? `"${lang}"` : JSON.stringify(lang) ?? String(lang);
  const install = typeof lang === 'string' && /^[a-z_]+$/.test(lang) ? `@tesseract.js-data/${lang}` : '@tesseract.js-data/<code>';
  return new ToolInputError(
    `\`lang\` ${shown} is not an installed OCR language; the installed ones are: ${installed.join(', ')}. ` +
      `Send one of them (or leave \`lang\` out for the default), or ask the operator to install the model ` +
      `(npm install ${install}) and restart the server.`,
    { lang, installed_languages: [...installed] },
  );
}

/** `psm` is not a page segmentation mode `extract_text` accepts. */
export function unknownPageSegmentationModeError(psm: unknown): ToolInputError {
  return new ToolInputError(
    `\`psm\` ${JSON.stringify(psm) ?? String(psm)} is not a supported page segmentation mode. Send an integer ` +
      `among ${PAGE_SEGMENTATION_MODE_VALUES.join(', ')}, or leave \`psm\` out for 3 (fully automatic).`,
    { psm, supported: [...PAGE_SEGMENTATION_MODE_VALUES] },
  );
}

/** Thrown by the plugin's `init` when no language model is installed: the plugin is then UNAVAILABLE. */
export function noLanguageInstalledError(): Error {
  return new Error(
    'no tesseract language model is installed. Install at least one @tesseract.js-data package next to ' +
      'tesseract.js (npm install @tesseract.js-data/eng) and restart the server.',
  );
}
