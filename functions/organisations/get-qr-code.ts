import { publicQrView, resolveQrCode } from '../core/organisations/qr-share';
import { http } from '../http/handler';
import { organisations } from './ports';
import { getQrCode } from './routes';

export const handler = http(getQrCode, async ({ params }) =>
  publicQrView(await resolveQrCode(organisations, params.qrCode)),
);
