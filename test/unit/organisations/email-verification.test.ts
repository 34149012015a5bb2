import { describe, expect, it } from 'vitest';
import { Gone, NotFound } from '../../../functions/core/errors';
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

async function mailedToken(store: OrganisationStore, branch: OrgBranch, now: Date) {
  const sent: VerificationMail[] = [];
  await sendBranchVerification(
    {
      organisations: store,
      publicBaseUrl: 'https://docshare.example.org/',
      mailer: { sendVerification: async (m) => void sent.push(m) },
    },
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
