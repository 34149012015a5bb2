import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { requireOffer } from '../core/partners/branches';
import { http } from '../http/handler';
import { getOffer } from './routes';
import { offerView } from './views';

export const handler = http(getOffer, async ({ partner, params }) =>
  offerView(await requireOffer(dynamoBranchStore, partner.partnerId, params.branchId, params.offerId)),
);
