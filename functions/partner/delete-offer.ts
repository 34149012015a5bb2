import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { deleteOffer as remove } from '../core/partners/branches';
import { http } from '../http/handler';
import { deleteOffer } from './routes';

export const handler = http(deleteOffer, async ({ partner, params }) => {
  await remove(dynamoBranchStore, partner.partnerId, params.branchId, params.offerId);
});
