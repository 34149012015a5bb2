import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_PIN_ATTEMPTS } from '../../core/pin';
import type { PinStore } from '../../core/wallet/wallet';
import { macOf } from '../kms/mac';
import { documentClient, tableName } from './client';
import { itemLoader } from './item-loader';
import { isConditionFailure } from './queries';

// CITIZEN#<id> / PIN: the scrypt hash and the wrong-attempt counter. Every counter change is a
// conditional update, so parallel guesses cannot count past the limit (see core/pin/pin-attempts).

const key = (citizenId: string) => ({ pk: `CITIZEN#${citizenId}`, sk: 'PIN' });

export const dynamoPinStore: PinStore = {
  async getPin(citizenId) {
    // Through the loader (strongly consistent): an approval reads it beside the request.
    const item = await itemLoader.load(key(citizenId));
    return {
      pinHash: item?.pinHash as string | undefined,
      attempts: {
        failedAttempts: (item?.failedAttempts as number | undefined) ?? 0,
        lockedUntil: item?.lockedUntil as string | undefined,
        lockouts: item?.lockouts as number | undefined,
      },
    };
  },

  async pepper(citizenId, pin) {
    return (await macOf('pin-pepper', `${citizenId}\n${pin}`)).toString('base64url');
  },

  async setPinHash(citizenId, pinHash) {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(citizenId),
        UpdateExpression:
          'SET pinHash = :hash, failedAttempts = :zero, #type = :type REMOVE lockedUntil, lockouts',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':hash': pinHash, ':zero': 0, ':type': 'pin' },
      }),
    );
  },

  async applyAttemptWrite(citizenId, write, now) {
    const values: Record<string, unknown> = { ':max': MAX_PIN_ATTEMPTS };
    let update: string;
    let condition: string;
    switch (write.kind) {
      case 'none':
        return { applied: true };
      case 'reset':
        update = 'SET failedAttempts = :zero REMOVE lockedUntil, lockouts';
        condition = 'attribute_not_exists(failedAttempts) OR failedAttempts < :max OR lockedUntil <= :now';
        values[':zero'] = 0;
        values[':now'] = now.toISOString();
        break;
      case 'count-failure':
        update = 'SET failedAttempts = if_not_exists(failedAttempts, :zero) + :one, lockedUntil = :until';
        condition = 'attribute_not_exists(failedAttempts) OR failedAttempts < :max';
        Object.assign(values, { ':zero': 0, ':one': 1, ':until': write.lockedUntil });
        break;
      case 'restart-count':
        update = 'SET failedAttempts = :one, lockedUntil = :until, lockouts = :lockouts';
        condition = 'failedAttempts >= :max AND lockedUntil <= :now';
        Object.assign(values, {
          ':one': 1,
          ':until': write.lockedUntil,
          ':now': now.toISOString(),
          ':lockouts': write.lockouts,
        });
        break;
    }
    try {
      const out = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(citizenId),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { applied: true, failedAttempts: out.Attributes?.failedAttempts as number | undefined };
    } catch (error) {
      if (isConditionFailure(error)) return { applied: false };
      throw error;
    }
  },
};
