import { defineRoute } from '../http/route';

export const jwks = defineRoute({
  method: 'GET',
  path: '/.well-known/jwks.json',
  operationId: 'getJwks',
  summary: 'Public keys that verify docshare attestations (JWS) and copy QR codes (COSE)',
  tags: ['public'],
  auth: 'public',
  responses: { 200: { description: 'JWKS' } },
});

export const signingChain = defineRoute({
  method: 'GET',
  path: '/.well-known/docshare/signing-chain.pem',
  operationId: 'getSigningChain',
  summary:
    'The certificates that PDF copies are signed under: the copy-signing certificate, then the root CA',
  tags: ['public'],
  auth: 'public',
  responses: { 200: { description: 'PEM certificates (application/x-pem-file)' } },
});
