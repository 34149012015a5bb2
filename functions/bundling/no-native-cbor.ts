// Stands in for `cbor-extract` in the Lambda bundles (infra/constructs/bundle-aliases.ts). cbor-x
// requires it at import, inside a try, for faster string decoding: a native addon whose prebuilt
// binaries are not in the bundle, so on Lambda the attempt probed the file system at every cold start
// and threw. Throwing at once keeps what always ran — cbor-x's JavaScript decoder — minus the probe
// and 7 KB. (Exporting nothing instead would make cbor-x think the addon loaded and break decoding.)
throw new Error('cbor-extract is not in this bundle: cbor-x decodes in JavaScript');
