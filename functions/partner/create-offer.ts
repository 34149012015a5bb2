import { dynamoBranchStore } from '../adapters/dynamo/branch-store';
import { createOffer as create } from '../core/partners/branches';
import { http } from '../http/handler';
import { createOffer } from './routes';
import { offerView } from './views';

export const handler = http(createOffer, async ({ partner, params, body }) =>
  offerView(await create(dynamoBranchStore, partner, params.branchId, body)),
);
