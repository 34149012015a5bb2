import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';

// Local only: who the dev identity provider may sign in — the seeded demo citizens, named in
// DEV_CITIZEN_IDS by the stack (no table scan: the function may only read by key, as every other).
const LIMIT = 50;

export interface SeededCitizen {
  citizenId: string;
  fullName: string;
}

export async function seededCitizens(): Promise<SeededCitizen[]> {
  const ids = (process.env.DEV_CITIZEN_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .slice(0, LIMIT);
  // Names are sealed in the table: the wallet store reads them with the table key.
  const found = await Promise.all(
    ids.sort().map(async (citizenId) => {
      const citizen = await dynamoWalletStore.getCitizen(citizenId);
      return citizen ? { citizenId, fullName: citizen.fullName } : undefined;
    }),
  );
  return found.filter((citizen): citizen is SeededCitizen => citizen !== undefined);
}
