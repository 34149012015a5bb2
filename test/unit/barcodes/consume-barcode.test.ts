import { describe, expect, it } from 'vitest';
import { consumeBarcode, issueBarcode } from '../../../functions/core/barcodes';
import { InMemoryBarcodeStore } from './in-memory-barcode-store';

const now = new Date('2026-11-23T10:00:00Z');
const doc = { citizenId: 'cit_demo_1', docId: 'doc_demo_1_passport' };
const seconds = (s: number) => new Date(now.getTime() + s * 1000);

function storeHolding(...docs: (typeof doc)[]) {
  const store = new InMemoryBarcodeStore();
  for (const held of docs.length ? docs : [doc]) store.hold(held);
  return store;
}

const consume = (store: InMemoryBarcodeStore, code: unknown, at: Date, allowedTypes?: string[]) =>
  consumeBarcode(store, store.open, code, at, allowedTypes);

describe('consuming a barcode', () => {
  it('opens the document the code was issued for', async () => {
    const store = storeHolding();
    const { barcode, expiresAt } = await issueBarcode(store, { ...doc, now });
    const consumed = await consume(store, barcode, seconds(30));
    expect(consumed).toMatchObject({
      outcome: 'ok',
      record: {
        code: barcode,
        ...doc,
        documentType: 'internal-passport',
        issuedAt: now.toISOString(),
        expiresAt,
      },
      document: { ...doc, documentType: 'internal-passport' },
    });
  });

  it('works only once', async () => {
    const store = storeHolding();
    const { barcode } = await issueBarcode(store, { ...doc, now });
    await consume(store, barcode, seconds(1));
    expect(await consume(store, barcode, seconds(2))).toEqual({ outcome: 'not-found' });
  });

  it('lets only one of two simultaneous uses through', async () => {
    const store = storeHolding();
    const { barcode } = await issueBarcode(store, { ...doc, now });
    const results = await Promise.all([consume(store, barcode, now), consume(store, barcode, now)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['not-found', 'ok']);
  });

  it('is valid until the last second and not found from its expiry on, even if still stored', async () => {
    const d1 = { citizenId: 'c1', docId: 'd1' };
    const d2 = { citizenId: 'c2', docId: 'd2' };
    const store = storeHolding(d1, d2);
    const first = await issueBarcode(store, { ...d1, now });
    const second = await issueBarcode(store, { ...d2, now });
    expect((await consume(store, first.barcode, seconds(179.999))).outcome).toBe('ok');
    expect(await consume(store, second.barcode, seconds(180))).toEqual({ outcome: 'not-found' });
  });

  it('answers not-found for a well-formed code nobody issued', async () => {
    expect(await consume(storeHolding(), '4006381333931', now)).toEqual({ outcome: 'not-found' });
  });

  it('refuses a malformed code without consulting the store', async () => {
    const store = storeHolding();
    const { barcode } = await issueBarcode(store, { ...doc, now });
    const wrongCheckDigit = barcode.slice(0, 12) + ((Number(barcode[12]) + 1) % 10);
    expect(await consume(store, wrongCheckDigit, now)).toEqual({ outcome: 'malformed' });
    expect(await consume(store, 42, now)).toEqual({ outcome: 'malformed' });
    expect(store.records.has(barcode)).toBe(true);
  });

  it('no longer opens a code replaced by a newer one for the same document', async () => {
    const store = storeHolding();
    const old = await issueBarcode(store, { ...doc, now });
    const fresh = await issueBarcode(store, { ...doc, now: seconds(5) });
    expect(await consume(store, old.barcode, seconds(6))).toEqual({ outcome: 'not-found' });
    expect((await consume(store, fresh.barcode, seconds(6))).outcome).toBe('ok');
  });

  it('does not open a replaced code whose record outlived the replacement', async () => {
    const store = storeHolding();
    const old = await issueBarcode(store, { ...doc, now });
    const record = store.records.get(old.barcode)!;
    await issueBarcode(store, { ...doc, now: seconds(5) });
    store.records.set(old.barcode, record); // as if the delete of the replaced record had been lost
    expect(await consume(store, old.barcode, seconds(6))).toEqual({ outcome: 'not-found' });
  });

  it('refuses a live code of a type the caller may not see, and leaves it usable', async () => {
    const store = storeHolding();
    const { barcode } = await issueBarcode(store, { ...doc, now });
    expect(await consume(store, barcode, seconds(1), ['taxpayer-card'])).toEqual({
      outcome: 'refused',
      documentType: 'internal-passport',
    });
    expect((await consume(store, barcode, seconds(2), ['internal-passport'])).outcome).toBe('ok');
  });

  it('answers not-found, not refused, for an expired code of a type the caller may not see', async () => {
    const store = storeHolding();
    const { barcode } = await issueBarcode(store, { ...doc, now });
    expect(await consume(store, barcode, seconds(181), ['taxpayer-card'])).toEqual({ outcome: 'not-found' });
  });
});
