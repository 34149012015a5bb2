import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// The pages' script and style sheet. The web-pages construct builds them into `assets/` beside this
// function's bundle (esbuild, in the CDK bundling step), so they ship and version with the code.

const TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'verify.js': 'text/javascript; charset=utf-8',
  'verify-sw.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'api-docs.js': 'text/javascript; charset=utf-8',
  'swagger-ui.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

export interface Asset {
  contentType: string;
  body: Uint8Array;
  etag: string;
}

const loaded = new Map<string, Asset>();

export function loadAsset(file: string, dir = new URL('./assets/', import.meta.url)): Asset | undefined {
  const contentType = TYPES[file];
  if (!contentType) return undefined;
  let asset = loaded.get(file);
  if (!asset) {
    const body = readFileSync(new URL(file, dir));
    asset = {
      contentType,
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    };
    loaded.set(file, asset);
  }
  return asset;
}
