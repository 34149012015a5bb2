import type { DocumentType } from '../documents/document-type';
import { normaliseFieldSelection } from '../documents/field-selection';
import { Conflict, InvalidRequest, NotFound } from '../errors';
import { type BusinessRegistry, judgeRegistration } from './business-registry';
import { sendBranchVerification, type VerificationPorts } from './email-verification';
import { newOrgId, normaliseEmail } from './ids';
import type { Organisation, OrgBranch, OrgService } from './organisation';
import { TAX_ID_RULE, taxIdKind } from './tax-id';

// handler --> (organisation use cases) --> OrganisationStore, VerificationMailer
// Everything is addressed under the owner: another citizen's organisation is simply not found.

export interface BranchInput {
  name: string;
  email: string;
  address: string;
}

export interface ServiceInput {
  name: string;
  documentTypes: DocumentType[];
  fields?: Record<string, readonly string[] | undefined>;
}

/** A service's field selection, checked against its own document types (400 naming the field). */
const serviceFields = (input: ServiceInput, at?: string) =>
  input.fields ? { fields: normaliseFieldSelection(input.fields, input.documentTypes, at) } : {};

export interface OrganisationInput {
  name: string;
  taxId: string;
}

export type ManagePorts = VerificationPorts & { registry: BusinessRegistry };

const TAX_ID_TAKEN = 'An organisation with this tax id is already registered';

function checkTaxId(taxId: string): void {
  if (!taxIdKind(taxId)) {
    throw new InvalidRequest(`taxId ${TAX_ID_RULE}`, [{ path: 'body.taxId', message: TAX_ID_RULE }]);
  }
}

const newBranch = (orgId: string, input: BranchInput, at: string): OrgBranch => ({
  orgId,
  branchId: newOrgId('ob'),
  name: input.name,
  email: normaliseEmail(input.email),
  address: input.address,
  emailStatus: 'pending_verification',
  createdAt: at,
  updatedAt: at,
});

const newService = (orgId: string, input: ServiceInput, at: string, path?: string): OrgService => ({
  orgId,
  serviceId: newOrgId('os'),
  name: input.name,
  documentTypes: [...new Set(input.documentTypes)],
  ...serviceFields(input, path),
  createdAt: at,
  updatedAt: at,
});

/**
 * 1. Check the tax id's check digit (400).
 * 2. Ask the business registry who heads the tax id: the registrant → active, under the registry's
 *    name; anyone else → pending_review (no poster, no share) until an operator approves.
 * 3. Store the organisation, its branches (e-mail pending_verification) and services together, the
 *    tax id unique among live organisations (409).
 * 4. Mail each branch its verification link.
 */
export async function registerOrganisation(
  ports: ManagePorts,
  ownerId: string,
  input: OrganisationInput & { branches: BranchInput[]; services: ServiceInput[] },
  now = new Date(),
) {
  checkTaxId(input.taxId);
  const at = now.toISOString();
  const judged = judgeRegistration(await ports.registry.lookup(input.taxId), ownerId, input.name);
  const organisation: Organisation = {
    orgId: newOrgId('org'),
    ownerId,
    name: judged.name,
    taxId: input.taxId,
    status: judged.status,
    notices: [],
    createdAt: at,
    updatedAt: at,
  };
  const branches = input.branches.map((branch) => newBranch(organisation.orgId, branch, at));
  const services = input.services.map((service, index) =>
    newService(organisation.orgId, service, at, `body.services.${index}.fields`),
  );
  if ((await ports.organisations.create(organisation, branches, services)) === 'tax-id-taken') {
    throw new Conflict(TAX_ID_TAKEN);
  }
  for (const branch of branches)
    await sendBranchVerification(ports, organisation.ownerId, organisation.name, branch, now);
  return { organisation, branches, services };
}

export async function requireOwnOrganisation(
  ports: Pick<ManagePorts, 'organisations'>,
  ownerId: string,
  orgId: string,
) {
  const organisation = await ports.organisations.get(orgId);
  if (!organisation || organisation.ownerId !== ownerId) throw new NotFound('organisation');
  return organisation;
}

export async function requireBranch(
  ports: Pick<ManagePorts, 'organisations'>,
  orgId: string,
  branchId: string,
) {
  const branch = await ports.organisations.getBranch(orgId, branchId);
  if (!branch) throw new NotFound('branch');
  return branch;
}

export async function requireService(
  ports: Pick<ManagePorts, 'organisations'>,
  orgId: string,
  serviceId: string,
) {
  const service = await ports.organisations.getService(orgId, serviceId);
  if (!service) throw new NotFound('service');
  return service;
}

export async function organisationDetails(
  ports: Pick<ManagePorts, 'organisations'>,
  ownerId: string,
  orgId: string,
) {
  const organisation = await requireOwnOrganisation(ports, ownerId, orgId);
  const [branches, services] = await Promise.all([
    ports.organisations.branches(orgId),
    ports.organisations.services(orgId),
  ]);
  return { organisation, branches, services };
}

export async function updateOrganisation(
  ports: ManagePorts,
  ownerId: string,
  orgId: string,
  input: OrganisationInput,
  now = new Date(),
) {
  const current = await requireOwnOrganisation(ports, ownerId, orgId);
  checkTaxId(input.taxId);
  // A new tax id or name is judged afresh: an active organisation cannot be renamed or moved to
  // another company's tax id without the registry (or an operator) agreeing.
  const unchanged = input.taxId === current.taxId && input.name === current.name;
  const judged = unchanged
    ? { status: current.status, name: current.name }
    : judgeRegistration(await ports.registry.lookup(input.taxId), ownerId, input.name);
  const outcome = await ports.organisations.update(orgId, current.taxId, {
    ...judged,
    taxId: input.taxId,
    updatedAt: now.toISOString(),
  });
  if (outcome === 'tax-id-taken') throw new Conflict(TAX_ID_TAKEN);
  return organisationDetails(ports, ownerId, orgId);
}

export async function deleteOrganisation(ports: ManagePorts, ownerId: string, orgId: string) {
  await requireOwnOrganisation(ports, ownerId, orgId);
  await ports.organisations.delete(orgId);
}

export async function addBranch(
  ports: ManagePorts,
  ownerId: string,
  orgId: string,
  input: BranchInput,
  now = new Date(),
) {
  const organisation = await requireOwnOrganisation(ports, ownerId, orgId);
  const branch = newBranch(orgId, input, now.toISOString());
  await ports.organisations.putBranch(branch, 'create');
  await sendBranchVerification(ports, organisation.ownerId, organisation.name, branch, now);
  return branch;
}

/** A changed address must be proven again: the branch cannot receive copies until it is. */
export async function replaceBranch(
  ports: ManagePorts,
  ownerId: string,
  orgId: string,
  branchId: string,
  input: BranchInput,
  now = new Date(),
) {
  const organisation = await requireOwnOrganisation(ports, ownerId, orgId);
  const current = await requireBranch(ports, orgId, branchId);
  const email = normaliseEmail(input.email);
  const changed = email !== current.email;
  const branch: OrgBranch = {
    ...current,
    name: input.name,
    address: input.address,
    email,
    ...(changed ? { emailStatus: 'pending_verification', emailVerifiedAt: undefined } : {}),
    updatedAt: now.toISOString(),
  };
  await ports.organisations.putBranch(branch, 'replace');
  if (changed) await sendBranchVerification(ports, organisation.ownerId, organisation.name, branch, now);
  return branch;
}

export async function resendVerification(
  ports: ManagePorts,
  ownerId: string,
  orgId: string,
  branchId: string,
  now = new Date(),
) {
  const organisation = await requireOwnOrganisation(ports, ownerId, orgId);
  const branch = await requireBranch(ports, orgId, branchId);
  await sendBranchVerification(ports, organisation.ownerId, organisation.name, branch, now);
  return branch;
}

export async function deleteBranch(ports: ManagePorts, ownerId: string, orgId: string, branchId: string) {
  await requireOwnOrganisation(ports, ownerId, orgId);
  await requireBranch(ports, orgId, branchId);
  await ports.organisations.deleteBranch(orgId, branchId);
}

export async function addService(
  ports: ManagePorts,
  ownerId: string,
  orgId: string,
  input: ServiceInput,
  now = new Date(),
) {
  await requireOwnOrganisation(ports, ownerId, orgId);
  const service = newService(orgId, input, now.toISOString());
  await ports.organisations.putService(service, 'create');
  return service;
}

export async function replaceService(
  ports: ManagePorts,
  ownerId: string,
  orgId: string,
  serviceId: string,
  input: ServiceInput,
  now = new Date(),
) {
  await requireOwnOrganisation(ports, ownerId, orgId);
  const current = await requireService(ports, orgId, serviceId);
  const { fields: _previous, ...rest } = current;
  const service: OrgService = {
    ...rest,
    name: input.name,
    documentTypes: [...new Set(input.documentTypes)],
    ...serviceFields(input),
    updatedAt: now.toISOString(),
  };
  await ports.organisations.putService(service, 'replace');
  return service;
}

export async function deleteService(ports: ManagePorts, ownerId: string, orgId: string, serviceId: string) {
  await requireOwnOrganisation(ports, ownerId, orgId);
  await requireService(ports, orgId, serviceId);
  await ports.organisations.deleteService(orgId, serviceId);
}
