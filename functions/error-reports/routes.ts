import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { listOf, listQuery } from '../partner/schemas';
import { errorReportBody, errorReportCreatedSchema, errorReportSchema } from './schemas';

const base = { tags: ['citizen'], auth: 'citizen' } as const;

export const submitErrorReport = defineRoute({
  ...base,
  method: 'POST',
  path: '/v1/me/error-reports',
  operationId: 'submitErrorReport',
  summary: 'Report an error in one of my documents to its issuing registry',
  body: errorReportBody,
  successStatus: 201,
  responses: {
    201: { description: 'Stored and sent to the registry', schema: errorReportCreatedSchema },
    400: problems[400],
    401: problems[401],
    404: problems[404],
    413: problems[413],
    415: problems[415],
  },
});

export const listErrorReports = defineRoute({
  ...base,
  method: 'GET',
  path: '/v1/me/error-reports',
  operationId: 'listMyErrorReports',
  summary: 'My error reports with their status, newest first',
  query: listQuery,
  responses: {
    200: { description: 'Error reports', schema: listOf(errorReportSchema, 'ErrorReportList') },
    400: problems[400],
    401: problems[401],
  },
});
