import { createHash } from 'node:crypto';
import { Gone, NotFound, RateLimited } from '../errors';
import {
  countAttempt,
  type RateLimitCounterStore,
  type SlidingWindowLimit,
} from '../ratelimit/sliding-window';
import { hashToken, newOneTimeToken } from './ids';
import type { OrganisationStore, OrgBranch } from './organisation';

// handler --> (sendBranchVerification / verifyBranchEmail) --> OrganisationStore, VerificationMailer
// A branch proves its address by following a link mailed to it: one-time, 24 hours, and only the
// token's hash is stored, so a leaked table does not verify anyone's address.

export const VERIFICATION_LIFETIME_SECONDS = 24 * 60 * 60;

export interface VerificationMail {
  to: string;
  organisationName: string;
  branchName: string;
  link: string;
  expiresAt: string;
}

export interface VerificationMailer {
  sendVerification(mail: VerificationMail): Promise<void>;
}

export interface VerificationPorts {
  organisations: OrganisationStore;
  mailer: VerificationMailer;
  publicBaseUrl: string;
  rateLimits: RateLimitCounterStore;
}

// Verification mails go to addresses a citizen typed in: without limits the service would be a mail
// relay for anyone signed in. Per citizen: enough for a registration with 20 branches and some edits;
// per address: the first mail and two resends an hour.
export const VERIFICATION_MAILS_PER_CITIZEN: SlidingWindowLimit = { limit: 40, windowSeconds: 3600 };
export const VERIFICATION_MAILS_PER_ADDRESS: SlidingWindowLimit = { limit: 3, windowSeconds: 3600 };

async function countMail(
  ports: VerificationPorts,
  subject: string,
  limit: SlidingWindowLimit,
  nowMs: number,
) {
  await countAttempt(ports.rateLimits, subject, nowMs, limit, (wait) => new RateLimited(wait));
}

export const verificationLink = (publicBaseUrl: string, token: string) =>
  `${publicBaseUrl.replace(/\/+$/, '')}/v1/qr/email-verifications/${token}`;

export async function sendBranchVerification(
  ports: VerificationPorts,
  senderId: string,
  organisationName: string,
  branch: OrgBranch,
  now = new Date(),
): Promise<void> {
  // Counter keys hold digests, not ids or addresses: they outlive an erasure until their TTL.
  const digest = (text: string) => createHash('sha256').update(text).digest('hex');
  await countMail(
    ports,
    `verify-mail#citizen#${digest(senderId)}`,
    VERIFICATION_MAILS_PER_CITIZEN,
    now.getTime(),
  );
  await countMail(
    ports,
    `verify-mail#address#${digest(branch.email)}`,
    VERIFICATION_MAILS_PER_ADDRESS,
    now.getTime(),
  );
  const token = newOneTimeToken();
  const expiresAt = new Date(now.getTime() + VERIFICATION_LIFETIME_SECONDS * 1000).toISOString();
  await ports.organisations.putEmailVerification(hashToken(token), {
    orgId: branch.orgId,
    branchId: branch.branchId,
    email: branch.email,
    expiresAt,
  });
  await ports.mailer.sendVerification({
    to: branch.email,
    organisationName,
    branchName: branch.name,
    link: verificationLink(ports.publicBaseUrl, token),
    expiresAt,
  });
}

/**
 * 1. Unknown token → 404; used or expired → 410.
 * 2. The branch must still have the address the link was sent to (an edited address needs its own
 *    link), then it is verified.
 */
export async function verifyBranchEmail(store: OrganisationStore, token: string, now = new Date()) {
  const found = await store.useEmailVerification(hashToken(token), now);
  if (!found) throw new NotFound('verification link');
  if (found.outcome === 'already_used') throw new Gone('This verification link was already used');
  if (found.outcome === 'expired') throw new Gone('This verification link has expired; ask for a new one');
  const { orgId, branchId, email } = found.verification;
  const verified = await store.markEmailVerified(orgId, branchId, email, now.toISOString());
  if (!verified) throw new Gone('The branch or its e-mail address has changed since this link was sent');
  const [organisation, branch] = await Promise.all([store.get(orgId), store.getBranch(orgId, branchId)]);
  return {
    status: 'verified' as const,
    organisation: { orgId, name: organisation?.name ?? '' },
    branch: { branchId, name: branch?.name ?? '', emailStatus: 'verified' as const },
  };
}
