import { decideRequest } from '../core/requests/decide-request';
import { http } from '../http/handler';
import { decidePorts } from './ports';
import { declineRequest } from './routes';

export const handler = http(declineRequest, async ({ citizen, params, query }) =>
  decideRequest(
    decidePorts,
    citizen.citizenId,
    params.requestId,
    'declined',
    undefined,
    new Date(),
    query.partnerId,
  ),
);
