import { decideRequest } from '../core/requests/decide-request';
import { http } from '../http/handler';
import { decidePorts } from './ports';
import { approveRequest } from './routes';

export const handler = http(approveRequest, async ({ citizen, params, query, body }) =>
  decideRequest(
    decidePorts,
    citizen.citizenId,
    params.requestId,
    'approved',
    body.pin,
    new Date(),
    query.partnerId,
  ),
);
