import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import {
  branchBody,
  branchParams,
  branchSchema,
  encryptionKeyBody,
  listOf,
  listQuery,
  offerBody,
  offerParams,
  offerSchema,
  partnerProfileSchema,
  validationBody,
  validationSchema,
  webhookSecretSchema,
} from './schemas';

const base = { tags: ['partner'], auth: 'partner' } as const;
const bodyProblems = { 400: problems[400], 401: problems[401], 413: problems[413], 415: problems[415] };

export const getPartner = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/partner',
  operationId: 'getPartner',
  summary: 'The calling partner',
  responses: { 200: { description: 'The partner', schema: partnerProfileSchema }, 401: problems[401] },
});

export const putEncryptionKey = defineRoute({
  ...base,
  method: 'PUT',
  path: '/v1/partner/encryption-key',
  operationId: 'putPartnerEncryptionKey',
  summary: 'Register the public key packages are encrypted to',
  body: encryptionKeyBody,
  successStatus: 204,
  responses: { 204: { description: 'Registered' }, ...bodyProblems },
});

export const rotateWebhookSecret = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/partner/webhook-secret',
  operationId: 'rotatePartnerWebhookSecret',
  summary: 'Make a new webhook signing secret (shown once); the old one stops being used at once',
  successStatus: 201,
  responses: { 201: { description: 'The new secret', schema: webhookSecretSchema }, 401: problems[401] },
});

export const createBranch = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/partner/branches',
  operationId: 'createBranch',
  summary: 'Create a branch',
  body: branchBody,
  successStatus: 201,
  responses: { 201: { description: 'Created', schema: branchSchema }, ...bodyProblems },
});

export const listBranches = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/partner/branches',
  operationId: 'listBranches',
  summary: 'List branches',
  query: listQuery,
  responses: {
    200: { description: 'Branches', schema: listOf(branchSchema, 'BranchList') },
    400: problems[400],
  },
});

export const getBranch = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/partner/branches/{branchId}',
  operationId: 'getBranch',
  summary: 'One branch',
  params: branchParams,
  responses: { 200: { description: 'The branch', schema: branchSchema }, 404: problems[404] },
});

export const replaceBranch = defineRoute({
  ...base,
  method: 'PUT',
  path: '/v1/partner/branches/{branchId}',
  operationId: 'replaceBranch',
  summary: 'Replace a branch',
  params: branchParams,
  body: branchBody,
  responses: {
    200: { description: 'The branch', schema: branchSchema },
    ...bodyProblems,
    404: problems[404],
    409: problems[409],
  },
});

export const deleteBranch = defineRoute({
  ...base,
  method: 'DELETE',
  path: '/v1/partner/branches/{branchId}',
  operationId: 'deleteBranch',
  summary: 'Delete a branch and its offers',
  params: branchParams,
  successStatus: 204,
  responses: { 204: { description: 'Deleted' }, 404: problems[404] },
});

export const createOffer = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/partner/branches/{branchId}/offers',
  operationId: 'createOffer',
  summary: 'Create an offer: which documents a branch asks for, and why',
  params: branchParams,
  body: offerBody,
  successStatus: 201,
  responses: { 201: { description: 'Created', schema: offerSchema }, ...bodyProblems, 404: problems[404] },
});

export const listOffers = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/partner/branches/{branchId}/offers',
  operationId: 'listOffers',
  summary: 'List a branch’s offers',
  params: branchParams,
  query: listQuery,
  responses: { 200: { description: 'Offers', schema: listOf(offerSchema, 'OfferList') }, 404: problems[404] },
});

export const getOffer = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/partner/branches/{branchId}/offers/{offerId}',
  operationId: 'getOffer',
  summary: 'One offer',
  params: offerParams,
  responses: { 200: { description: 'The offer', schema: offerSchema }, 404: problems[404] },
});

export const deleteOffer = defineRoute({
  ...base,
  method: 'DELETE',
  path: '/v1/partner/branches/{branchId}/offers/{offerId}',
  operationId: 'deleteOffer',
  summary: 'Delete an offer',
  params: offerParams,
  successStatus: 204,
  responses: { 204: { description: 'Deleted' }, 404: problems[404] },
});

export const validateDocument = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/partner/document-validations',
  operationId: 'validateDocument',
  summary: 'Check a document by its barcode (genuine, valid, predicates) without receiving personal data',
  body: validationBody,
  responses: {
    200: { description: 'Yes/no answers and a signed attestation', schema: validationSchema },
    ...bodyProblems,
    403: problems[403],
    404: problems[404],
    422: problems[422],
    429: problems[429],
  },
});
