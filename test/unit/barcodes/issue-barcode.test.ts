import { describe, expect, it } from 'vitest';
import { BarcodeSpaceExhausted, issueBarcode, mintBarcode } from '../../../functions/core/barcodes';
import { NotFound } from '../../../functions/core/errors';
import { InMemoryBarcodeStore } from './in-memory-barcode-store';

const now = new Date('2026-11-23T10:00:00Z');
const doc = { citizenId: 'cit_demo_1', docId: 'doc_demo_1_passport' };
const other = { citizenId: 'cit_demo_2', docId: 'doc_x' };
const third = { citizenId: 'cit_demo_3', docId: 'doc_y' };
const storeHolding = () => new InMemoryBarcodeStore().hold(doc).hold(other, 'taxpayer-card').hold(third);

/** A mint that returns the given codes in order. */
function scripted(...codes: string[]): () => string {
  return () => {
    const code = codes.shift();
    if (!code) throw new Error('script exhausted');
    return code;
  };
}

describe('issuing a barcode', () => {
  it('stores a live code for the document that expires 180 s later', async () => {
    const store = storeHolding();
    const issued = await issueBarcode(store, { ...doc, now });
    expect(issued.expiresAt).toBe('2026-11-23T10:03:00.000Z');
    expect(store.records.get(issued.barcode)).toEqual({
      code: issued.barcode,
      ...doc,
      documentType: 'internal-passport',
      issuedAt: now.toISOString(),
      expiresAt: issued.expiresAt,
    });
  });

  it('draws again when the code is live for another document', async () => {
    const store = storeHolding();
    const taken = mintBarcode('111111111111');
    const free = mintBarcode('222222222222');
    await issueBarcode(store, { citizenId: 'cit_demo_2', docId: 'doc_x', now }, { mint: scripted(taken) });
    const issued = await issueBarcode(store, { ...doc, now }, { mint: scripted(taken, free) });
    expect(issued.barcode).toBe(free);
    expect(store.records.get(taken)?.citizenId).toBe('cit_demo_2');
  });

  it('reuses a code whose earlier holder has expired', async () => {
    const store = storeHolding();
    const code = mintBarcode('333333333333');
    await issueBarcode(store, { citizenId: 'cit_demo_2', docId: 'doc_x', now }, { mint: scripted(code) });
    const later = new Date(now.getTime() + 180_000);
    const issued = await issueBarcode(store, { ...doc, now: later }, { mint: scripted(code) });
    expect(issued.barcode).toBe(code);
    expect(store.records.get(code)?.docId).toBe(doc.docId);
  });

  it('gives up after the allowed number of clashes', async () => {
    const store = storeHolding();
    const code = mintBarcode('444444444444');
    await issueBarcode(store, { citizenId: 'cit_demo_2', docId: 'doc_x', now }, { mint: scripted(code) });
    await expect(
      issueBarcode(store, { ...doc, now }, { mint: () => code, maxAttempts: 3 }),
    ).rejects.toBeInstanceOf(BarcodeSpaceExhausted);
  });

  it("replaces the document's previous live code", async () => {
    const store = storeHolding();
    const first = await issueBarcode(store, { ...doc, now });
    const second = await issueBarcode(store, { ...doc, now: new Date(now.getTime() + 10_000) });
    expect(store.records.has(first.barcode)).toBe(false);
    expect(store.records.has(second.barcode)).toBe(true);
  });

  it("does not delete another document's code that reused the previous one after it expired", async () => {
    const store = storeHolding();
    const code = mintBarcode('555555555555');
    await issueBarcode(store, { ...doc, now }, { mint: scripted(code) });
    const later = new Date(now.getTime() + 200_000);
    await issueBarcode(store, { ...third, now: later }, { mint: scripted(code) });
    await issueBarcode(store, { ...doc, now: later });
    expect(store.records.get(code)?.docId).toBe('doc_y');
  });

  it('leaves one usable code when two issues for a document interleave', async () => {
    const store = storeHolding();
    const [a, b] = await Promise.all([
      issueBarcode(store, { ...doc, now }),
      issueBarcode(store, { ...doc, now }),
    ]);
    const opening = await Promise.all([a, b].map((issued) => store.open(doc, issued.barcode)));
    expect(opening.filter(Boolean)).toHaveLength(1);
  });

  it('answers 404 for a document the citizen does not hold, storing no code', async () => {
    const store = storeHolding();
    await expect(
      issueBarcode(store, { citizenId: 'cit_demo_2', docId: doc.docId, now }),
    ).rejects.toBeInstanceOf(NotFound);
    expect(store.records.size).toBe(0);
  });

  it('records the document type with the code, for checks before the code is used', async () => {
    const store = storeHolding();
    const issued = await issueBarcode(store, { ...other, now });
    expect(store.records.get(issued.barcode)?.documentType).toBe('taxpayer-card');
  });
});
