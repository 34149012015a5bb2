import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { listOf, listQuery } from '../partner/schemas';
import {
  barcodeSchema,
  docParams,
  documentSchema,
  documentSummarySchema,
  meSchema,
  pinBody,
} from './schemas';

const base = { tags: ['citizen'], auth: 'citizen' } as const;

export const getMe = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/me',
  operationId: 'getMe',
  summary: 'The signed-in citizen',
  responses: {
    200: { description: 'The citizen', schema: meSchema },
    401: problems[401],
    404: problems[404],
  },
});

export const listDocuments = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/me/documents',
  operationId: 'listMyDocuments',
  summary: 'The citizen’s documents',
  query: listQuery,
  responses: {
    200: { description: 'Documents', schema: listOf(documentSummarySchema, 'DocumentList') },
    400: problems[400],
    401: problems[401],
  },
});

export const getDocument = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/me/documents/{docId}',
  operationId: 'getMyDocument',
  summary: 'One document with its fields',
  params: docParams,
  responses: {
    200: { description: 'The document', schema: documentSchema },
    401: problems[401],
    404: problems[404],
  },
});

export const createBarcode = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/me/documents/{docId}/barcodes',
  operationId: 'createBarcode',
  summary: 'A one-time 13-digit code for sharing this document, valid 180 s',
  params: docParams,
  successStatus: 201,
  responses: {
    201: { description: 'The code', schema: barcodeSchema },
    401: problems[401],
    404: problems[404],
  },
});

export const putPin = defineRoute({
  ...base,
  method: 'PUT',
  path: '/v1/me/pin',
  operationId: 'putMyPin',
  summary: 'Set or change the 5-digit consent PIN',
  body: pinBody,
  successStatus: 204,
  responses: {
    204: { description: 'Set' },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    413: problems[413],
    415: problems[415],
    423: problems[423],
  },
});
