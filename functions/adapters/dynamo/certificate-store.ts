import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CertificateStore } from '../../core/copies/certificate-chain';
import { documentClient, tableName } from './client';
import { isConditionFailure } from './queries';

// CERT#chain / CURRENT: the docshare root CA and copy-signing certificates (DER, base64), public by
// nature. Written once with a conditional put so that concurrent first users agree on one chain.

const key = { pk: 'CERT#chain', sk: 'CURRENT' };

export const dynamoCertificateStore: CertificateStore = {
  async getChain() {
    // Strongly consistent: a creator that lost the conditional put must see the winner's chain.
    const out = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    return {
      rootCertDer: fromBase64(out.Item.rootCertDer),
      signingCertDer: fromBase64(out.Item.signingCertDer),
      signingKeyId: out.Item.signingKeyId as string,
      rootKeyId: out.Item.rootKeyId as string,
      createdAt: out.Item.createdAt as string,
    };
  },

  async createChain(chain) {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...key,
            type: 'certificate-chain',
            rootCertDer: Buffer.from(chain.rootCertDer).toString('base64'),
            signingCertDer: Buffer.from(chain.signingCertDer).toString('base64'),
            signingKeyId: chain.signingKeyId,
            rootKeyId: chain.rootKeyId,
            createdAt: chain.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
};

function fromBase64(value: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(String(value), 'base64'));
}
