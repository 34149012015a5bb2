import { defineRoute } from '../http/route';
import { erasureSchema } from './schemas';

export const eraseMe = defineRoute({
  tags: ['privacy'],
  auth: 'citizen',
  method: 'DELETE',
  path: '/v1/me',
  operationId: 'eraseMe',
  summary:
    'Erase the citizen: copies and packages deleted, partners’ access revoked (and partners told), personal data, barcodes, PIN and pending requests removed; an anonymised audit stays. Idempotent.',
  successStatus: 202,
  responses: { 202: { description: 'Erasure under way', schema: erasureSchema } },
});
