import { problems } from '../http/problem-schema';
import { defineRoute } from '../http/route';
import { listOf, listQuery } from '../partner/schemas';
import {
  consentParams,
  historyExportSchema,
  holdingSchema,
  packageBody,
  partnerConsentSchema,
  partnerParams,
  standingPackageSchema,
} from './schemas';

const partner = { tags: ['consents'], auth: 'partner' } as const;
const citizen = { tags: ['consents'], auth: 'citizen' } as const;

export const listPartnerConsents = defineRoute({
  ...partner,
  method: 'GET',
  path: '/v1/partner/consents',
  operationId: 'listPartnerConsents',
  summary: 'The partner’s live standing access (offers with accessDays > 0 that citizens approved)',
  query: listQuery,
  responses: {
    200: { description: 'Live consents', schema: listOf(partnerConsentSchema, 'PartnerConsentList') },
    400: problems[400],
  },
});

export const getPartnerConsent = defineRoute({
  ...partner,
  method: 'GET',
  path: '/v1/partner/consents/{consentId}',
  operationId: 'getPartnerConsent',
  summary: 'One consent, whatever its state (active, revoked, expired)',
  params: consentParams,
  responses: { 200: { description: 'The consent', schema: partnerConsentSchema }, 404: problems[404] },
});

export const createConsentPackage = defineRoute({
  ...partner,
  method: 'POST',
  path: '/v1/partner/consents/{consentId}/packages',
  operationId: 'createConsentPackage',
  summary:
    'A fresh package of the consented documents without a new approval; delivered like any request; idempotent by requestId',
  params: consentParams,
  body: packageBody,
  successStatus: 202,
  responses: {
    202: { description: 'The request, already approved by the consent', schema: standingPackageSchema },
    400: problems[400],
    403: { ...problems[403], description: 'The citizen revoked the consent' },
    404: problems[404],
    409: problems[409],
    410: { ...problems[410], description: 'The consent has ended' },
    413: problems[413],
    415: problems[415],
  },
});

export const listMyConsents = defineRoute({
  ...citizen,
  method: 'GET',
  path: '/v1/me/consents',
  operationId: 'listMyConsents',
  summary: 'Every partner that holds standing access or unexpired copies, with what and until when',
  query: listQuery,
  responses: {
    200: { description: 'Partners and what they hold', schema: listOf(holdingSchema, 'PartnerHoldingList') },
    400: problems[400],
  },
});

export const revokeConsent = defineRoute({
  ...citizen,
  method: 'DELETE',
  path: '/v1/me/consents/{partnerId}',
  operationId: 'revokeConsent',
  summary:
    'Withdraw everything from a partner: standing access ends, pending requests are declined, copies revoked, partner notified',
  params: partnerParams,
  successStatus: 204,
  responses: { 204: { description: 'Revoked' }, 400: problems[400], 404: problems[404] },
});

export const exportHistory = defineRoute({
  ...citizen,
  method: 'GET',
  path: '/v1/me/history/export',
  operationId: 'exportMyHistory',
  summary: 'The whole history as one JSON file (attachment)',
  responses: { 200: { description: 'Every request and copy', schema: historyExportSchema } },
});
