import path from 'node:path';

// Modules the Lambda bundles replace with a smaller stand-in under functions/bundling/ (each file says
// why it is safe). They are what was left of IssueCopies' cold start that no function uses: the SDK's
// non-Lambda credential sources, pdf-lib's standard-font tables and PNG decoder, cbor-x's native
// addon probe, and pako where Node's zlib does the job. Measured in docs/benchmarks.md ("Fourth pass:
// bundles"); tests in test/unit/bundling/.
export function bundleAliases(projectRoot: string): Record<string, string> {
  const standIn = (file: string) => path.join(projectRoot, 'functions', 'bundling', file);
  return {
    '@aws-sdk/credential-provider-node': standIn('lambda-credentials.ts'),
    '@pdf-lib/standard-fonts': standIn('no-standard-fonts.ts'),
    'cbor-extract': standIn('no-native-cbor.ts'),
    '@pdf-lib/upng': standIn('no-png-decoder.ts'),
    pako: standIn('zlib-deflate.ts'),
  };
}
