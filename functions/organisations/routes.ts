import * as z from 'zod';
import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { listOf, listQuery } from '../partner/schemas';
import {
  branchBody,
  emailVerifiedSchema,
  organisationBody,
  organisationSchema,
  organisationSummarySchema,
  orgBranchParams,
  orgBranchSchema,
  orgParams,
  orgServiceParams,
  orgServiceSchema,
  posterParams,
  qrInfoSchema,
  qrParams,
  qrShareSchema,
  registrationBody,
  serviceBody,
  shareBody,
  tokenParams,
} from './schemas';

// Organisations without an IT system (F6, docs/organisations.md): the head of an organisation manages
// it under /v1/me/organisations; visitors share through /v1/qr and /v1/me/qr.

const owner = { tags: ['organisations'], auth: 'citizen' } as const;
const visitor = { tags: ['organisations'], auth: 'citizen' } as const;
const open = { tags: ['organisations'], auth: 'public' } as const;
const writes = {
  400: problems[400],
  401: problems[401],
  404: problems[404],
  413: problems[413],
  415: problems[415],
};

export const registerOrganisation = defineRoute({
  ...owner,
  method: 'POST',
  path: '/v1/me/organisations',
  operationId: 'registerOrganisation',
  summary:
    'Register an organisation (the caller is its head) with branches and services; each branch e-mail gets a verification link',
  body: registrationBody,
  successStatus: 201,
  responses: { 201: { description: 'Registered', schema: organisationSchema }, ...writes },
});

export const listOrganisations = defineRoute({
  ...owner,
  method: 'GET',
  path: '/v1/me/organisations',
  operationId: 'listMyOrganisations',
  summary: 'The organisations the caller heads',
  query: listQuery,
  responses: {
    200: { description: 'Organisations', schema: listOf(organisationSummarySchema, 'OrganisationList') },
    400: problems[400],
    401: problems[401],
  },
});

export const getOrganisation = defineRoute({
  ...owner,
  method: 'GET',
  path: '/v1/me/organisations/{orgId}',
  operationId: 'getMyOrganisation',
  summary: 'One organisation with its branches (e-mail status), services and notices (e.g. bounced mail)',
  params: orgParams,
  responses: {
    200: { description: 'The organisation', schema: organisationSchema },
    401: problems[401],
    404: problems[404],
  },
});

export const updateOrganisation = defineRoute({
  ...owner,
  method: 'PUT',
  path: '/v1/me/organisations/{orgId}',
  operationId: 'updateMyOrganisation',
  summary: 'Change the organisation’s name or tax id',
  params: orgParams,
  body: organisationBody,
  responses: { 200: { description: 'The organisation', schema: organisationSchema }, ...writes },
});

export const deleteOrganisation = defineRoute({
  ...owner,
  method: 'DELETE',
  path: '/v1/me/organisations/{orgId}',
  operationId: 'deleteMyOrganisation',
  summary: 'Delete the organisation, its branches, services and QR codes (posters stop working)',
  params: orgParams,
  successStatus: 204,
  responses: { 204: { description: 'Deleted' }, 401: problems[401], 404: problems[404] },
});

export const addBranch = defineRoute({
  ...owner,
  method: 'POST',
  path: '/v1/me/organisations/{orgId}/branches',
  operationId: 'addOrganisationBranch',
  summary: 'Add a branch; its e-mail gets a verification link',
  params: orgParams,
  body: branchBody,
  successStatus: 201,
  responses: { 201: { description: 'The branch', schema: orgBranchSchema }, ...writes },
});

export const replaceBranch = defineRoute({
  ...owner,
  method: 'PUT',
  path: '/v1/me/organisations/{orgId}/branches/{branchId}',
  operationId: 'replaceOrganisationBranch',
  summary: 'Change a branch; a new e-mail address must be verified again',
  params: orgBranchParams,
  body: branchBody,
  responses: { 200: { description: 'The branch', schema: orgBranchSchema }, ...writes },
});

export const deleteBranch = defineRoute({
  ...owner,
  method: 'DELETE',
  path: '/v1/me/organisations/{orgId}/branches/{branchId}',
  operationId: 'deleteOrganisationBranch',
  summary: 'Delete a branch and its QR codes',
  params: orgBranchParams,
  successStatus: 204,
  responses: { 204: { description: 'Deleted' }, 401: problems[401], 404: problems[404] },
});

export const resendVerification = defineRoute({
  ...owner,
  method: 'POST',
  path: '/v1/me/organisations/{orgId}/branches/{branchId}/email-verifications',
  operationId: 'resendBranchVerification',
  summary: 'Mail the branch a new verification link (24 h, single use)',
  params: orgBranchParams,
  successStatus: 202,
  responses: {
    202: { description: 'Sent', schema: orgBranchSchema },
    401: problems[401],
    404: problems[404],
  },
});

export const addService = defineRoute({
  ...owner,
  method: 'POST',
  path: '/v1/me/organisations/{orgId}/services',
  operationId: 'addOrganisationService',
  summary: 'Add a service: which documents a visitor shares for it',
  params: orgParams,
  body: serviceBody,
  successStatus: 201,
  responses: { 201: { description: 'The service', schema: orgServiceSchema }, ...writes },
});

export const replaceService = defineRoute({
  ...owner,
  method: 'PUT',
  path: '/v1/me/organisations/{orgId}/services/{serviceId}',
  operationId: 'replaceOrganisationService',
  summary: 'Change a service (its posters keep working and ask for the new documents)',
  params: orgServiceParams,
  body: serviceBody,
  responses: { 200: { description: 'The service', schema: orgServiceSchema }, ...writes },
});

export const deleteService = defineRoute({
  ...owner,
  method: 'DELETE',
  path: '/v1/me/organisations/{orgId}/services/{serviceId}',
  operationId: 'deleteOrganisationService',
  summary: 'Delete a service and its QR codes',
  params: orgServiceParams,
  successStatus: 204,
  responses: { 204: { description: 'Deleted' }, 401: problems[401], 404: problems[404] },
});

export const getPoster = defineRoute({
  ...owner,
  method: 'GET',
  path: '/v1/me/organisations/{orgId}/branches/{branchId}/services/{serviceId}/poster',
  operationId: 'getServicePoster',
  summary: 'The printable A4 poster (PDF) with the QR code of this branch and service',
  params: posterParams,
  responses: {
    200: { description: 'A4 PDF', contentType: 'application/pdf' },
    401: problems[401],
    404: problems[404],
  },
});

export const verifyEmail = defineRoute({
  ...open,
  method: 'GET',
  path: '/v1/qr/email-verifications/{token}',
  operationId: 'verifyBranchEmail',
  summary: 'The link in the verification e-mail: marks the branch e-mail verified (single use, 24 h)',
  params: tokenParams,
  responses: {
    200: { description: 'Verified', schema: emailVerifiedSchema },
    400: problems[400],
    404: problems[404],
    410: problems[410],
  },
});

export const getQrCode = defineRoute({
  ...open,
  method: 'GET',
  path: '/v1/qr/{qrCode}',
  operationId: 'getQrCode',
  summary: 'Who asks for which documents behind a poster’s QR code',
  params: qrParams,
  responses: {
    200: { description: 'The QR code', schema: qrInfoSchema },
    400: problems[400],
    404: problems[404],
  },
});

export const shareByQr = defineRoute({
  ...visitor,
  method: 'POST',
  path: '/v1/me/qr/{qrCode}/shares',
  operationId: 'shareByQr',
  summary:
    'Share the service’s documents with the organisation (consent given with the PIN); copies reach the branch e-mail',
  params: qrParams,
  body: shareBody,
  successStatus: 202,
  responses: {
    202: { description: 'Approved; the copies are on their way', schema: qrShareSchema },
    ...writes,
    403: problems[403],
    409: {
      ...problems[409],
      description: 'The branch’s e-mail is not verified (or bounces): it cannot receive copies',
    },
    423: problems[423],
    429: problems[429],
  },
});

export const downloadCopiesPage = defineRoute({
  ...open,
  method: 'GET',
  path: '/v1/qr/downloads/{token}',
  operationId: 'getQrDownloadPage',
  summary:
    'The one-time link mailed instead of attachments too large for e-mail: a page with a Download button; following the link does not use it up (mail scanners follow links)',
  params: tokenParams,
  responses: {
    200: { description: 'The page', contentType: 'text/html', schema: z.string() },
    400: problems[400],
    404: problems[404],
    410: problems[410],
  },
});

export const downloadCopies = defineRoute({
  ...open,
  method: 'POST',
  path: '/v1/qr/downloads/{token}',
  operationId: 'downloadQrCopies',
  summary: 'The page’s Download button: uses the link up and redirects to the ZIP of the copies',
  params: tokenParams,
  responses: {
    303: { description: 'Redirect to a short-lived URL of the ZIP (signed PDFs and metadata.json)' },
    400: problems[400],
    404: problems[404],
    410: problems[410],
  },
});
