import { describe, expect, it } from 'vitest';
import { Gone, NotFound, RateLimited } from '../../../functions/core/errors';
import {
  sendBranchVerification,
  type VerificationMail,
  verifyBranchEmail,
} from '../../../functions/core/organisations/email-verification';
import { hashToken } from '../../../functions/core/organisations/ids';
import type {
  EmailVerification,
  OrganisationStore,
  OrgBranch,
} from '../../../functions/core/organisations/organisation';
import { verificationEmailContent } from '../../../functions/core/organisations/verification-email';
import type { RateLimitCounterStore } from '../../../functions/core/ratelimit/sliding-window';
import { memoryRateLimits } from '../support/memory-rate-limits';

function memoryStore() {
  const verifications = new Map<string, EmailVerification>();
  const branch: OrgBranch = {
    orgId: 'org_1',
    branchId: 'ob_1',
    name: 'Поділ',
    email: 'podil@clinic.example',
    address: 'Київ',
    emailStatus: 'pending_verification',
    createdAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
  };
  const store = {
    putEmailVerification: async (hash: string, v: EmailVerification) =>
      void verifications.set(hash, { ...v }),
    useEmailVerification: async (hash: string, now: Date) => {
      const v = verifications.get(hash);
      if (!v) return undefined;
      if (v.usedAt) return { outcome: 'already_used' as const, verification: v };
      if (Date.parse(v.expiresAt) <= now.getTime()) return { outcome: 'expired' as const, verification: v };
      v.usedAt = now.toISOString();
      return { outcome: 'used' as const, verification: v };
    },
    markEmailVerified: async (_o: string, _b: string, email: string) => {
      if (email !== branch.email) return false;
      branch.emailStatus = 'verified';
      return true;
    },
    get: async () => ({ orgId: 'org_1', name: 'Клініка' }),
    getBranch: async () => branch,
  } as unknown as OrganisationStore;
  return { store, verifications, branch };
}

async function mailedToken(
  store: OrganisationStore,
  branch: OrgBranch,
  now: Date,
  rateLimits: RateLimitCounterStore = memoryRateLimits(),
  senderId = 'cit_owner',
) {
  const sent: VerificationMail[] = [];
  await sendBranchVerification(
    {
      organisations: store,
      publicBaseUrl: 'https://docshare.example.org/',
      mailer: { sendVerification: async (m) => void sent.push(m) },
      rateLimits,
    },
    senderId,
    'Клініка',
    branch,
    now,
  );
  expect(sent[0]!.link).toMatch(
    /^https:\/\/docshare\.example\.org\/v1\/qr\/email-verifications\/[A-Za-z0-9_-]{43}$/,
  );
  return sent[0]!.link.split('/').pop()!;
}

describe('branch e-mail verification', () => {
  const now = new Date('2030-01-01T12:00:00Z');

  it('sends one address at most three verification mails an hour (no mail relay)', async () => {
    const { store, branch } = memoryStore();
    const limits = memoryRateLimits();
    for (let i = 0; i < 3; i++) await mailedToken(store, branch, now, limits);
    await expect(mailedToken(store, branch, now, limits)).rejects.toBeInstanceOf(RateLimited);
  });

  it('sends one citizen’s addresses at most 40 verification mails an hour', async () => {
    const { store, branch } = memoryStore();
    const limits = memoryRateLimits();
    for (let i = 0; i < 40; i++)
      await mailedToken(store, { ...branch, email: `b${i}@clinic.example` }, now, limits);
    await expect(
      mailedToken(store, { ...branch, email: 'one-more@clinic.example' }, now, limits),
    ).rejects.toBeInstanceOf(RateLimited);
    // Another citizen is not affected.
    await expect(
      mailedToken(store, { ...branch, email: 'other@clinic.example' }, now, limits, 'cit_other'),
    ).resolves.toBeTruthy();
  });

  it('keeps typed-in names out of the subject and quotes them in the body', () => {
    const content = verificationEmailContent({
      to: 'victim@bank.example',
      organisationName: 'ПриватБанк: ваш рахунок заблоковано',
      branchName: 'Служба безпеки',
      link: 'https://docshare.example.org/v1/qr/email-verifications/x',
      expiresAt: '2030-01-02T00:00:00Z',
    });
    expect(content.subject).not.toContain('ПриватБанк');
    expect(content.subject).not.toContain('Служба');
    expect(content.text).toContain('«ПриватБанк: ваш рахунок заблоковано»');
  });

  it('stores only the token’s hash and verifies once', async () => {
    const { store, verifications, branch } = memoryStore();
    const token = await mailedToken(store, branch, now);
    expect([...verifications.keys()]).toEqual([hashToken(token)]);
    expect(JSON.stringify([...verifications.values()])).not.toContain(token);
    await expect(verifyBranchEmail(store, token, now)).resolves.toMatchObject({ status: 'verified' });
    expect(branch.emailStatus).toBe('verified');
    await expect(verifyBranchEmail(store, token, now)).rejects.toBeInstanceOf(Gone);
  });

  it('refuses a link after 24 hours, an unknown one, and one for an address since changed', async () => {
    const { store, branch } = memoryStore();
    const token = await mailedToken(store, branch, now);
    const later = new Date(now.getTime() + 24 * 3600_000 + 1000);
    await expect(verifyBranchEmail(store, token, later)).rejects.toBeInstanceOf(Gone);
    await expect(verifyBranchEmail(store, 'x'.repeat(43), now)).rejects.toBeInstanceOf(NotFound);
    const second = await mailedToken(store, branch, now);
    branch.email = 'moved@clinic.example';
    await expect(verifyBranchEmail(store, second, now)).rejects.toThrow(/changed/);
  });
});
