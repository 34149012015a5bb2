import { problems } from '../http/problem-schema';
import { defineRoute, MiB } from '../http/route';
import { copyParams, copyStatusSchema, pdfVerificationSchema, qrBody, qrVerificationSchema } from './schemas';

// Public verification of copies (docs/api.md, Public): anyone holding a copy, its id or its QR.

const base = { tags: ['public'], auth: 'public' } as const;

export const getCopyStatus = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/verify/copies/{copyId}',
  operationId: 'getCopyStatus',
  summary: 'Status of a signed copy by its id',
  params: copyParams,
  responses: {
    200: { description: 'The copy', schema: copyStatusSchema },
    400: problems[400],
    404: problems[404],
  },
});

export const verifyCopyPdf = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/verify',
  operationId: 'verifyCopyPdf',
  summary: 'Check a copy’s PDF signature, that it covers the whole file, and the copy’s status',
  bodyKind: 'pdf',
  // Lambda takes 6 MB per request; API Gateway hands it a binary body base64-encoded (4/3), beside
  // the headers: 4 MiB of PDF is what fits.
  maxBodyBytes: 4 * MiB,
  responses: {
    200: { description: 'The verification', schema: pdfVerificationSchema },
    400: problems[400],
    413: problems[413],
    415: problems[415],
  },
});

// A separate path because a route spec takes one body kind: the PDF route above is application/pdf.
export const verifyCopyQr = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/verify/qr',
  operationId: 'verifyCopyQr',
  summary: 'Check the DS1 QR printed on a copy (its COSE signature) and the copy’s status',
  body: qrBody,
  responses: {
    200: { description: 'The verification', schema: qrVerificationSchema },
    400: problems[400],
    413: problems[413],
    415: problems[415],
  },
});
