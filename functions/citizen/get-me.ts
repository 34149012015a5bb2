import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { NotFound } from '../core/errors';
import { http } from '../http/handler';
import { getMe } from './routes';

export const handler = http(getMe, async ({ citizen }) => {
  const found = await dynamoWalletStore.getCitizen(citizen.citizenId);
  if (!found) throw new NotFound('citizen');
  return { citizenId: found.citizenId, fullName: found.fullName };
});
