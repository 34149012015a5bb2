import * as z from 'zod';
import { dynamoRequestStore } from '../adapters/dynamo/request-store';
import { getObject, objectSize } from '../adapters/s3/bucket';
import { presignedGet } from '../adapters/s3/presigned-download';
import { readEnv } from '../config/env';
import { Gone, NotFound } from '../core/errors';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { getPackage } from './routes';

// A Lambda answer carries at most 6 MB, so a package larger than PACKAGE_INLINE_MAX_BYTES (5 MB at
// most: the compact JWE is ASCII, sent as text, with room for the envelope) is answered 303 with a
// presigned S3 URL that is good for a minute: the partner's HTTP client follows it and gets the
// same bytes straight from S3.
const config = readEnv({
  PACKAGE_INLINE_MAX_BYTES: z.coerce.number().int().min(1000).max(5_000_000).default(5_000_000),
});
export const PACKAGE_URL_SECONDS = 60;

export const handler = http(getPackage, async ({ partner, params }) => {
  const request = await dynamoRequestStore.get(partner.partnerId, params.requestId);
  if (!request?.packageKey) throw new NotFound('package');
  if (request.revokedAt) throw new Gone('The citizen revoked access; the package was deleted');
  if (request.packageExpiresAt && Date.parse(request.packageExpiresAt) <= Date.now()) {
    throw new Gone('The package is past its retention period');
  }
  const size = await objectSize(request.packageKey);
  if (size === undefined) throw new Gone('The package is past its retention period');
  const large = size > config.PACKAGE_INLINE_MAX_BYTES;
  const jwe = large ? undefined : await getObject(request.packageKey);
  if (!large && !jwe) throw new Gone('The package is past its retention period');
  await dynamoRequestStore.audit(
    partner.partnerId,
    params.requestId,
    'package_pulled',
    `partner:${partner.partnerId}`,
  );
  if (large) {
    const url = await presignedGet(request.packageKey, {
      contentType: 'application/jose',
      expiresInSeconds: PACKAGE_URL_SECONDS,
    });
    return reply.redirect(url, 303, { 'cache-control': 'no-store' });
  }
  return reply.text(200, 'application/jose', new TextDecoder().decode(jwe), { 'cache-control': 'no-store' });
});
