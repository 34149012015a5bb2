import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuthorizationCode, AuthorizationCodeStore } from '../../dev/authorization-code';
import { documentClient, tableName } from './client';

// DEVAUTHCODE#<sha256(code)>: an authorization code of the local dev identity provider (never in a
// deployed stack). TTL removes it after expiry; expiry is checked on redemption anyway. Single use
// is a delete that returns the old item: only one caller can get it.

const key = (codeHash: string) => ({ pk: `DEVAUTHCODE#${codeHash}`, sk: 'DEVAUTHCODE' });

export const dynamoDevAuthCodeStore: AuthorizationCodeStore = {
  async put(codeHash, code) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key(codeHash),
          type: 'dev-auth-code',
          ...code,
          expiresAtEpoch: Math.ceil(Date.parse(code.expiresAt) / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },

  async take(codeHash) {
    const out = await documentClient.send(
      new DeleteCommand({ TableName: tableName, Key: key(codeHash), ReturnValues: 'ALL_OLD' }),
    );
    if (!out.Attributes) return undefined;
    const { pk: _pk, sk: _sk, type: _type, expiresAtEpoch: _e, ...code } = out.Attributes;
    return code as AuthorizationCode;
  },
};
