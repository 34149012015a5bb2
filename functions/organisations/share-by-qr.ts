import { shareByQr as share } from '../core/organisations/qr-share';
import { http } from '../http/handler';
import { qrSharePorts } from './ports';
import { shareByQr } from './routes';

const ports = qrSharePorts();

export const handler = http(shareByQr, async ({ citizen, params, body }) =>
  share(ports, citizen.citizenId, params.qrCode, body.pin, new Date(), body.version),
);
