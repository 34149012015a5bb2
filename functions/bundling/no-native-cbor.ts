// Stands in for `cbor-extract` in the Lambda bundles (infra/constructs/bundle-aliases.ts). cbor-x tries
// it at import for faster string decoding: a native addon whose prebuilt binaries are not in the
// bundle, so on Lambda the attempt only probed the file system at every cold start and failed.
// cbor-x falls back to its JavaScript decoder, which is what always ran. 7 KB out of IssueCopies.
export default undefined;
