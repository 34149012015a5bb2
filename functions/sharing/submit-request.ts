import { submitBarcodeRequest } from '../core/requests/submit-request';
import { http } from '../http/handler';
import { submitPorts } from './ports';
import { submitRequest } from './routes';

const ports = submitPorts();

export const handler = http(submitRequest, async ({ partner, body }) =>
  submitBarcodeRequest(ports, partner, body),
);
