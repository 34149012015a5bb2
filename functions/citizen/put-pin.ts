import { dynamoPinStore } from '../adapters/dynamo/pin-store';
import { changePin } from '../core/wallet/consent-pin';
import { http } from '../http/handler';
import { putPin } from './routes';

export const handler = http(putPin, async ({ citizen, body }) => {
  await changePin(dynamoPinStore, citizen.citizenId, body);
});
