import { randomUUID } from 'node:crypto';
import type { DocumentType } from '../documents/document-type';
import { normaliseFieldSelection } from '../documents/field-selection';
import { Conflict, InvalidRequest, NotFound } from '../errors';
import { type ResolveHost, resolvedCallbackUrlProblem } from './callback-url';
import type { Branch, BranchStore, Offer, Partner } from './partner';

// handler --> (branch and offer use cases) --> BranchStore
// A partner's branches may ask only for document types the partner is allowed; an offer only for
// types its branch has. Everything is addressed under the partner, so another partner's ids are
// simply not found.

export interface BranchInput {
  name: string;
  email: string;
  address: string;
  callbackUrl?: string;
  documentTypes: DocumentType[];
}

export interface OfferInput {
  name: string;
  purpose: string;
  documentTypes: DocumentType[];
  accessDays?: number;
  returnLink?: string;
  fields?: Record<string, readonly string[] | undefined>;
}

const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;

function requireSubset(types: DocumentType[], allowed: DocumentType[], path: string, of: string): void {
  const outside = types.filter((type) => !allowed.includes(type));
  if (outside.length > 0) {
    throw new InvalidRequest(`Document types not allowed for this ${of}: ${outside.join(', ')}`, [
      { path, message: `must be a subset of the ${of}'s document types` },
    ]);
  }
}

export interface BranchPolicy {
  /** Local runtime only: webhooks may go to http://127.0.0.1 or http://localhost. */
  allowLoopbackCallbacks: boolean;
  resolveHost: ResolveHost;
}

async function checkCallbackUrl(input: BranchInput, policy: BranchPolicy): Promise<void> {
  if (input.callbackUrl === undefined) return;
  const problem = await resolvedCallbackUrlProblem(
    input.callbackUrl,
    policy.allowLoopbackCallbacks,
    policy.resolveHost,
  );
  if (problem)
    throw new InvalidRequest(`callbackUrl ${problem}`, [{ path: 'body.callbackUrl', message: problem }]);
}

export async function createBranch(
  store: BranchStore,
  partner: Partner,
  input: BranchInput,
  policy: BranchPolicy,
  now = new Date(),
): Promise<Branch> {
  await checkCallbackUrl(input, policy);
  requireSubset(input.documentTypes, partner.documentTypes, 'body.documentTypes', 'partner');
  const at = now.toISOString();
  const branch: Branch = {
    branchId: newId('br'),
    partnerId: partner.partnerId,
    ...input,
    documentTypes: [...new Set(input.documentTypes)],
    createdAt: at,
    updatedAt: at,
  };
  await store.putBranch(branch, 'create');
  return branch;
}

export async function requireBranch(
  store: BranchStore,
  partnerId: string,
  branchId: string,
): Promise<Branch> {
  const branch = await store.getBranch(partnerId, branchId);
  if (!branch) throw new NotFound('branch');
  return branch;
}

export async function replaceBranch(
  store: BranchStore,
  partner: Partner,
  branchId: string,
  input: BranchInput,
  policy: BranchPolicy,
  now = new Date(),
): Promise<Branch> {
  const current = await requireBranch(store, partner.partnerId, branchId);
  await checkCallbackUrl(input, policy);
  requireSubset(input.documentTypes, partner.documentTypes, 'body.documentTypes', 'partner');
  const offers = await store.allOffers(partner.partnerId, branchId);
  const stranded = offers.filter((offer) =>
    offer.documentTypes.some((type) => !input.documentTypes.includes(type)),
  );
  if (stranded.length > 0) {
    throw new Conflict(
      `Offers ${stranded.map((offer) => offer.offerId).join(', ')} use document types this change removes; delete them first`,
    );
  }
  const branch: Branch = {
    ...current,
    name: input.name,
    email: input.email,
    address: input.address,
    callbackUrl: input.callbackUrl,
    documentTypes: [...new Set(input.documentTypes)],
    updatedAt: now.toISOString(),
  };
  await store.putBranch(branch, 'replace');
  return branch;
}

export async function deleteBranch(store: BranchStore, partnerId: string, branchId: string): Promise<void> {
  await requireBranch(store, partnerId, branchId);
  await store.deleteBranch(partnerId, branchId);
}

export async function createOffer(
  store: BranchStore,
  partner: Partner,
  branchId: string,
  input: OfferInput,
  now = new Date(),
): Promise<Offer> {
  const branch = await requireBranch(store, partner.partnerId, branchId);
  requireSubset(input.documentTypes, branch.documentTypes, 'body.documentTypes', 'branch');
  const fields = input.fields ? normaliseFieldSelection(input.fields, input.documentTypes) : undefined;
  const offer: Offer = {
    offerId: newId('of'),
    partnerId: partner.partnerId,
    branchId,
    name: input.name,
    purpose: input.purpose,
    documentTypes: [...new Set(input.documentTypes)],
    accessDays: input.accessDays ?? 0,
    returnLink: input.returnLink,
    ...(fields ? { fields } : {}),
    createdAt: now.toISOString(),
  };
  await store.putOffer(offer);
  return offer;
}

export async function requireOffer(
  store: BranchStore,
  partnerId: string,
  branchId: string,
  offerId: string,
): Promise<Offer> {
  const offer = await store.getOffer(partnerId, branchId, offerId);
  if (!offer) throw new NotFound('offer');
  return offer;
}

export async function deleteOffer(store: BranchStore, partnerId: string, branchId: string, offerId: string) {
  await requireOffer(store, partnerId, branchId, offerId);
  await store.deleteOffer(partnerId, branchId, offerId);
}
