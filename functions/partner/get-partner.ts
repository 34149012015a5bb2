import { http } from '../http/handler';
import { getPartner } from './routes';

export const handler = http(getPartner, async ({ partner }) => ({
  partnerId: partner.partnerId,
  name: partner.name,
  documentTypes: partner.documentTypes,
}));
