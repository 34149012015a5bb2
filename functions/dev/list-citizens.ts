import { http } from '../http/handler';
import { citizens } from './routes';
import { seededCitizens } from './seeded-citizens';

// Local only: who the dev identity provider may issue tokens for (tests and scripts).
export const handler = http(citizens, async () => ({ items: await seededCitizens() }));
