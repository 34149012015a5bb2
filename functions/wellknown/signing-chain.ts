import { certificateChain } from '../adapters/certificates';
import { toPem } from '../core/signing/certificates';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { signingChain } from './routes';

// The chain is made at first use (by whichever comes first: this or the first copy), so that a
// partner can install the root in its trust store before it receives any copy.
export const handler = http(signingChain, async () => {
  const chain = await certificateChain();
  const pem = toPem(chain.signingCertDer) + toPem(chain.rootCertDer);
  return reply.text(200, 'application/x-pem-file', pem, { 'cache-control': 'public, max-age=3600' });
});
