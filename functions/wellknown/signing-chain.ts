import { readCertificateChain } from '../adapters/certificates';
import { ServiceUnavailable } from '../core/errors';
import { toPem } from '../core/signing/certificates';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { signingChain } from './routes';

// The published chain, read only: the operator issues it once per deployment (signing-chain.issue),
// so this public route holds no signing key (issue 16.2).
export const handler = http(signingChain, async () => {
  const chain = await readCertificateChain();
  if (!chain) throw new ServiceUnavailable('The signing certificate has not been issued yet');
  const pem = toPem(chain.signingCertDer) + toPem(chain.rootCertDer);
  return reply.text(200, 'application/x-pem-file', pem, { 'cache-control': 'public, max-age=3600' });
});
