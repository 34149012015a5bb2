import { http } from '../http/handler';
import { health } from './routes';

export const handler = http(health, async () => ({ status: 'ok' }));
