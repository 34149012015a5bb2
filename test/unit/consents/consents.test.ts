import { describe, expect, it } from 'vitest';
import { holdingsOf } from '../../../functions/core/consents/citizen-consents';
import {
  type Consent,
  consentIdFor,
  consentState,
  partnerConsentView,
} from '../../../functions/core/consents/consent';
import { consentFromApproval } from '../../../functions/core/consents/grant-consent';
import type { CopyRecord } from '../../../functions/core/copies/copy-record';
import { pageInMemory } from '../../../functions/core/pagination';
import type { ShareRequest } from '../../../functions/core/requests/share-request';

const now = new Date('2026-11-23T12:00:00Z');

const request = (overrides: Partial<ShareRequest> = {}): ShareRequest => ({
  requestId: '3f8a1c2e-0d5b-4b7a-9c61-2f4e8d9a7b10',
  partnerId: 'ptn_bank',
  branchId: 'br_1',
  offerId: 'of_1',
  channel: 'barcode',
  status: 'approved',
  citizenId: 'cit_1',
  documentTypes: ['internal-passport'],
  partnerName: 'Банк',
  branchName: 'Відділення',
  branchAddress: 'Київ',
  purpose: 'Кредит',
  accessDays: 30,
  createdAt: now.toISOString(),
  expiresAt: now.toISOString(),
  bodyHash: 'x',
  ...overrides,
});

const consent = (overrides: Partial<Consent> = {}): Consent => ({
  ...consentFromApproval(request(), now)!,
  ...overrides,
});

const copy = (overrides: Partial<CopyRecord> = {}): CopyRecord => ({
  copyId: 'cpy_1',
  status: 'valid',
  documentType: 'taxpayer-card',
  issuedTo: { partnerId: 'ptn_bank', partnerName: 'Банк', branchId: 'br_1', branchName: 'Відділення' },
  purpose: 'Кредит',
  generatedAt: '2026-11-20T10:00:00Z',
  expiresAt: '2026-12-20T10:00:00Z',
  pdfKey: 'copies/cpy_1.pdf',
  pdfSha256: 'a',
  metadataSha256: 'b',
  requestId: 'r',
  citizenId: 'cit_1',
  docId: 'doc_1',
  ...overrides,
});

describe('standing access granted by an approval', () => {
  it('lasts accessDays from the approval and is named after the request', () => {
    const granted = consentFromApproval(request(), now)!;
    expect(granted).toMatchObject({ status: 'active', uses: 0, since: now.toISOString() });
    expect(Date.parse(granted.until) - now.getTime()).toBe(30 * 86_400_000);
    expect(granted.consentId).toBe(consentIdFor('ptn_bank', request().requestId));
    expect(granted.consentId).toMatch(/^cns_[A-Za-z0-9]{24}$/);
  });

  it('is not granted by one-time offers, deep links without a citizen, or uses of a consent', () => {
    expect(consentFromApproval(request({ accessDays: 0 }), now)).toBeUndefined();
    expect(consentFromApproval(request({ citizenId: undefined }), now)).toBeUndefined();
    expect(consentFromApproval(request({ channel: 'consent' }), now)).toBeUndefined();
  });

  it("keeps the approved offer's field selection, so every standing package is the same extract", () => {
    const fields = { 'internal-passport': ['surname', 'birthDate'] };
    const granted = consentFromApproval(request({ fields }), now)!;
    expect(granted.fields).toEqual(fields);
    expect(partnerConsentView(granted, now).fields).toEqual(fields);
    expect(consentFromApproval(request(), now)!.fields).toBeUndefined();
  });

  it('gives different partners different ids for the same requestId', () => {
    expect(consentIdFor('ptn_a', 'r')).not.toBe(consentIdFor('ptn_b', 'r'));
  });

  it('is active, then expired after `until`, and revoked for good', () => {
    const active = consent();
    expect(consentState(active, now)).toBe('active');
    expect(consentState(active, new Date(Date.parse(active.until) + 1))).toBe('expired');
    expect(consentState(consent({ status: 'revoked' }), now)).toBe('revoked');
    expect(partnerConsentView(consent({ status: 'revoked' }), now)).not.toHaveProperty('citizenId');
  });
});

describe('what the citizen sees each partner hold', () => {
  it('groups live standing access and unexpired copies by partner', () => {
    const holdings = holdingsOf(
      [consent(), consent({ partnerId: 'ptn_old', status: 'revoked' })],
      [
        copy(),
        copy({ copyId: 'cpy_2', status: 'revoked' }),
        copy({ copyId: 'cpy_3', expiresAt: '2026-11-01T00:00:00Z' }),
        copy({
          copyId: 'cpy_4',
          generatedAt: '2026-11-19T09:00:00Z',
          issuedTo: { partnerId: 'org_1', partnerName: 'Клініка', branchId: 'b', branchName: 'Центр' },
        }),
      ],
      now,
    );
    expect(holdings.map((h) => h.partner.partnerId)).toEqual(['ptn_bank', 'org_1']);
    const bank = holdings[0]!;
    expect(bank.standingAccess).toHaveLength(1);
    expect(bank.copies.map((c) => c.copyId)).toEqual(['cpy_1']);
    expect(bank.documentTypes.sort()).toEqual(['internal-passport', 'taxpayer-card']);
    expect(bank.since).toBe('2026-11-20T10:00:00Z');
    expect(bank.until).toBe(consent().until);
  });

  it('pages in memory with cursors that only continue the same list', () => {
    const first = pageInMemory([1, 2, 3], { limit: 2 }, 'consents');
    expect(first.items).toEqual([1, 2]);
    const second = pageInMemory([1, 2, 3], { limit: 2, cursor: first.nextCursor }, 'consents');
    expect(second).toEqual({ items: [3], nextCursor: undefined });
    expect(() => pageInMemory([1], { limit: 2, cursor: first.nextCursor }, 'other')).toThrow(/cursor/);
    const negative = Buffer.from(JSON.stringify({ list: 'consents', offset: -1 })).toString('base64url');
    expect(() => pageInMemory([1], { limit: 2, cursor: negative }, 'consents')).toThrow(/cursor/);
  });
});
