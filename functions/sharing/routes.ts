import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { listOf } from '../partner/schemas';
import {
  approveBody,
  citizenListQuery,
  citizenRequestSchema,
  decideQuery,
  decisionSchema,
  deeplinkBody,
  deeplinkSchema,
  offerPathParams,
  partnerRequestSchema,
  requestParams,
  returnResultBody,
  returnResultSchema,
  submitAnswerSchema,
  submitBody,
  tokenParams,
} from './schemas';

const partner = { tags: ['sharing'], auth: 'partner' } as const;
const citizen = { tags: ['sharing'], auth: 'citizen' } as const;

export const submitRequest = defineRoute({
  ...partner,
  method: 'POST',
  path: '/v1/partner/document-requests',
  operationId: 'submitDocumentRequest',
  summary: 'Ask for a citizen’s documents with the barcode they show; idempotent by requestId',
  body: submitBody,
  successStatus: 202,
  responses: {
    202: { description: 'Waiting for the citizen’s consent', schema: submitAnswerSchema },
    400: problems[400],
    401: problems[401],
    404: problems[404],
    409: problems[409],
    413: problems[413],
    415: problems[415],
    422: problems[422],
    429: problems[429],
  },
});

export const getPartnerRequest = defineRoute({
  ...partner,
  method: 'GET',
  path: '/v1/partner/requests/{requestId}',
  operationId: 'getPartnerRequest',
  summary: 'A request’s status',
  params: requestParams,
  responses: { 200: { description: 'The request', schema: partnerRequestSchema }, 404: problems[404] },
});

export const getPackage = defineRoute({
  ...partner,
  method: 'GET',
  path: '/v1/partner/requests/{requestId}/package',
  operationId: 'getRequestPackage',
  summary: 'The encrypted package (compact JWE) once the copies are ready',
  params: requestParams,
  responses: {
    200: { description: 'JWE compact serialization', contentType: 'application/jose' },
    303: {
      description:
        'A package larger than an API answer can carry (5 MB): `Location` is a presigned S3 URL, valid 60 s, that answers the same JWE',
    },
    404: problems[404],
    410: problems[410],
  },
});

export const presentReturnResult = defineRoute({
  ...partner,
  method: 'POST',
  path: '/v1/partner/requests/{requestId}/return-results',
  operationId: 'presentReturnResult',
  summary:
    'Present the one-time result a deep link’s way back (returnLink) arrived with: proves the citizen who decided came back to this session',
  params: requestParams,
  body: returnResultBody,
  responses: {
    200: {
      description: 'The result is this request’s, presented for the first time',
      schema: returnResultSchema,
    },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    404: problems[404],
    409: problems[409],
    413: problems[413],
    415: problems[415],
  },
});

export const listMyRequests = defineRoute({
  ...citizen,
  method: 'GET',
  path: '/v1/me/requests',
  operationId: 'listMyRequests',
  summary: 'Requests addressed to the citizen (e.g. ?status=pending_consent)',
  query: citizenListQuery,
  responses: {
    200: { description: 'Requests', schema: listOf(citizenRequestSchema, 'CitizenRequestList') },
    400: problems[400],
  },
});

export const approveRequest = defineRoute({
  ...citizen,
  method: 'POST',
  path: '/v1/me/requests/{requestId}/approve',
  operationId: 'approveRequest',
  summary: 'Approve with the consent PIN',
  params: requestParams,
  query: decideQuery,
  body: approveBody,
  responses: {
    200: { description: 'Approved', schema: decisionSchema },
    400: problems[400],
    403: problems[403],
    404: problems[404],
    409: problems[409],
    423: problems[423],
  },
});

export const declineRequest = defineRoute({
  ...citizen,
  method: 'POST',
  path: '/v1/me/requests/{requestId}/decline',
  operationId: 'declineRequest',
  summary: 'Decline',
  params: requestParams,
  query: decideQuery,
  responses: {
    200: { description: 'Declined', schema: decisionSchema },
    404: problems[404],
    409: problems[409],
  },
});

export const history = defineRoute({
  ...citizen,
  method: 'GET',
  path: '/v1/me/history',
  operationId: 'getMyHistory',
  summary: 'Every request and copy: who, what, when, why, until when',
  query: citizenListQuery,
  responses: { 200: { description: 'History', schema: listOf(citizenRequestSchema, 'History') } },
});

export const createDeeplink = defineRoute({
  ...partner,
  method: 'POST',
  path: '/v1/partner/branches/{branchId}/offers/{offerId}/deeplinks',
  operationId: 'createDeeplink',
  summary: 'A deep link (and its QR) for online sharing; idempotent by requestId; valid 10 minutes',
  params: offerPathParams,
  body: deeplinkBody,
  successStatus: 201,
  responses: {
    201: { description: 'The deep link', schema: deeplinkSchema },
    400: problems[400],
    404: problems[404],
    409: problems[409],
    413: problems[413],
    415: problems[415],
  },
});

export const openDeeplink = defineRoute({
  ...citizen,
  method: 'GET',
  path: '/v1/me/deeplinks/{token}',
  operationId: 'openDeeplink',
  summary: 'The request behind a deep link, now bound to this citizen',
  params: tokenParams,
  responses: {
    200: { description: 'The request', schema: citizenRequestSchema },
    404: problems[404],
    409: problems[409],
    410: problems[410],
  },
});
