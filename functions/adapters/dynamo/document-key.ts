// The key of a citizen's document item: the wallet stores it, barcodes and share requests condition
// on it. Kept apart from wallet-store.ts so that those adapters do not load the KMS client.
export const documentKey = (citizenId: string, docId: string) => ({
  pk: `CITIZEN#${citizenId}`,
  sk: `DOC#${docId}`,
});
