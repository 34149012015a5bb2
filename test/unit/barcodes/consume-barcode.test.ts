import { describe, expect, it } from 'vitest';
import { consumeBarcode, issueBarcode } from '../../../functions/core/barcodes';
import { InMemoryBarcodeStore } from './in-memory-barcode-store';

const now = new Date('2026-11-23T10:00:00Z');
const doc = { citizenId: 'cit_demo_1', docId: 'doc_demo_1_passport' };
const seconds = (s: number) => new Date(now.getTime() + s * 1000);

describe('consuming a barcode', () => {
  it('opens the document the code was issued for', async () => {
    const store = new InMemoryBarcodeStore();
    const { barcode, expiresAt } = await issueBarcode(store, { ...doc, now });
    expect(await consumeBarcode(store, barcode, seconds(30))).toEqual({
      outcome: 'ok',
      ...doc,
      issuedAt: now.toISOString(),
      expiresAt,
    });
  });

  it('works only once', async () => {
    const store = new InMemoryBarcodeStore();
    const { barcode } = await issueBarcode(store, { ...doc, now });
    await consumeBarcode(store, barcode, seconds(1));
    expect(await consumeBarcode(store, barcode, seconds(2))).toEqual({ outcome: 'not-found' });
  });

  it('lets only one of two simultaneous uses through', async () => {
    const store = new InMemoryBarcodeStore();
    const { barcode } = await issueBarcode(store, { ...doc, now });
    const results = await Promise.all([
      consumeBarcode(store, barcode, now),
      consumeBarcode(store, barcode, now),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['not-found', 'ok']);
  });

  it('is valid until the last second and not found from its expiry on, even if still stored', async () => {
    const store = new InMemoryBarcodeStore();
    const first = await issueBarcode(store, { citizenId: 'c1', docId: 'd1', now });
    const second = await issueBarcode(store, { citizenId: 'c2', docId: 'd2', now });
    expect((await consumeBarcode(store, first.barcode, seconds(179.999))).outcome).toBe('ok');
    expect(await consumeBarcode(store, second.barcode, seconds(180))).toEqual({ outcome: 'not-found' });
  });

  it('answers not-found for a well-formed code nobody issued', async () => {
    expect(await consumeBarcode(new InMemoryBarcodeStore(), '4006381333931', now)).toEqual({
      outcome: 'not-found',
    });
  });

  it('refuses a malformed code without consulting the store', async () => {
    const store = new InMemoryBarcodeStore();
    const { barcode } = await issueBarcode(store, { ...doc, now });
    const wrongCheckDigit = barcode.slice(0, 12) + ((Number(barcode[12]) + 1) % 10);
    expect(await consumeBarcode(store, wrongCheckDigit, now)).toEqual({ outcome: 'malformed' });
    expect(await consumeBarcode(store, 42, now)).toEqual({ outcome: 'malformed' });
    expect(store.records.has(barcode)).toBe(true);
  });

  it('no longer opens a code replaced by a newer one for the same document', async () => {
    const store = new InMemoryBarcodeStore();
    const old = await issueBarcode(store, { ...doc, now });
    const fresh = await issueBarcode(store, { ...doc, now: seconds(5) });
    expect(await consumeBarcode(store, old.barcode, seconds(6))).toEqual({ outcome: 'not-found' });
    expect((await consumeBarcode(store, fresh.barcode, seconds(6))).outcome).toBe('ok');
  });
});
