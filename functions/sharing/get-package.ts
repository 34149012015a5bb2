import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { getObject } from '../adapters/s3/bucket';
import { Gone, NotFound } from '../core/errors';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { getPackage } from './routes';

export const handler = http(getPackage, async ({ partner, params }) => {
  const request = await dynamoRequestStore.get(partner.partnerId, params.requestId);
  if (!request?.packageKey) throw new NotFound('package');
  if (request.revokedAt) throw new Gone('The citizen revoked access; the package was deleted');
  if (request.packageExpiresAt && Date.parse(request.packageExpiresAt) <= Date.now()) {
    throw new Gone('The package is past its retention period');
  }
  const jwe = await getObject(request.packageKey);
  if (!jwe) throw new Gone('The package is past its retention period');
  await dynamoRequestStore.audit(
    partner.partnerId,
    params.requestId,
    'package_pulled',
    `partner:${partner.partnerId}`,
  );
  return reply.bytes(200, 'application/jose', jwe);
});
