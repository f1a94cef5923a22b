import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';

/** A file of the docs page: its bytes and media type. */
export interface DocsAsset {
  readonly body: Buffer;
  readonly type: string;
}

/** Where the docs page lives; its assets are under it. */
export const DOCS_PATH = '/docs';

/** The installed swagger-ui-dist (a direct dependency, pinned in package.json). */
const SWAGGER_UI_DIST = dirname(require.resolve('swagger-ui-dist/package.json'));

/** The files of swagger-ui-dist the page loads, served from the installed package (no CDN). */
const PACKAGE_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'index.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Points Swagger UI at the document. A file, not an inline script, so a strict CSP can allow it. */
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>ForgeSyte API</title>
    <link rel="stylesheet" type="text/css" href="${DOCS_PATH}/swagger-ui.css" />
    <link rel="stylesheet" type="text/css" href="${DOCS_PATH}/index.css" />
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32" />
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-16x16.png" sizes="16x16" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${DOCS_PATH}/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="${DOCS_PATH}/swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;

/**
 * The docs page and its assets, read from swagger-ui-dist once, on first use: the page links its assets
 * by absolute path, so `/docs/` works as well as `/docs`.
 */
@Injectable()
export class SwaggerUiAssets {
  private readonly cache = new Map<string, DocsAsset>();
  /** The page itself. */
  readonly page: DocsAsset = { body: Buffer.from(PAGE), type: 'text/html; charset=utf-8' };

  /** The asset `name` (a file name under `/docs/`), or undefined when the page has no such asset. */
  asset(name: string): DocsAsset | undefined {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const asset = this.load(name);
    if (asset !== undefined) this.cache.set(name, asset);
    return asset;
  }

  private load(name: string): DocsAsset | undefined {
    if (name === 'swagger-initializer.js') return { body: Buffer.from(INITIALIZER), type: 'text/javascript; charset=utf-8' };
    if (!Object.hasOwn(PACKAGE_FILES, name)) return undefined;
    return { body: readFileSync(join(SWAGGER_UI_DIST, name)), type: PACKAGE_FILES[name] };
  }
}
