import { Construct } from 'constructs';
import * as routes from '../../functions/web/routes';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

// The citizen and verifier web pages (/wallet, /d/{token}, /verify) and their script and style
// sheet, served by one Lambda through the same HTTP API: same origin as the API, so the pages' CSP
// can stay 'self' and no CORS is needed. The function reads nothing: it needs no grants.
// `signIn`: the identity provider's endpoints and client id (CITIZEN_AUTHORIZE_URL, CITIZEN_TOKEN_URL,
// CITIZEN_CLIENT_ID), written into each page and into its CSP (functions/web/sign-in-config.ts).
export class WebPages extends Construct {
  constructor(scope: Construct, id: string, shared: SharedResources, signIn: Record<string, string>) {
    super(scope, id);
    const pages = new DocshareFunction(this, 'Pages', {
      entry: 'web/serve-web',
      memorySize: 256,
      environment: { ...signIn, PUBLIC_BASE_URL: shared.publicBaseUrl },
      // The browser script is a separate bundle (no inline script under the CSP), built into the
      // function's own asset so page and script always deploy together.
      afterBundling: (inputDir, outputDir) => [
        `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/functions/web/client/main.ts" --bundle --minify --format=iife --target=es2020 --log-level=warning --outfile="${outputDir}/assets/app.js"`,
        `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/functions/web/client/verify-main.ts" --bundle --minify --format=iife --target=es2020 --log-level=warning --outfile="${outputDir}/assets/verify.js"`,
        `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/functions/web/client/verify-sw.ts" --bundle --minify --format=iife --target=es2020 --log-level=warning --outfile="${outputDir}/assets/verify-sw.js"`,
        `cp "${inputDir}/functions/web/client/app.css" "${outputDir}/assets/app.css"`,
        // /docs: Swagger UI's prebuilt bundle and its style sheet, self-hosted, and the page's script.
        `cp "${inputDir}/node_modules/swagger-ui-dist/swagger-ui-bundle.js" "${outputDir}/assets/swagger-ui.js"`,
        `cp "${inputDir}/node_modules/swagger-ui-dist/swagger-ui.css" "${outputDir}/assets/swagger-ui.css"`,
        `"${inputDir}/node_modules/.bin/esbuild" "${inputDir}/functions/web/api-docs/api-docs-client.ts" --bundle --minify --format=iife --target=es2020 --log-level=warning --outfile="${outputDir}/assets/api-docs.js"`,
      ],
    });
    for (const route of Object.values(routes)) shared.api.addRoute(route, pages);
  }
}
