import { defineConfig } from 'vitest/config';

// Unit tests touch no network; integration tests boot the embedded AWS (once per file, on random ports).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
      {
        // The integration files that need only what a deployment offers (HTTP, `/_aws/ses`, the
        // Admin function through the Lambda API): `npm run test:target` with DOCSHARE_TARGET set runs
        // them against LocalStack (scripts/localstack-target.ts) or any other deployment.
        test: {
          name: 'target',
          include: [
            'test/integration/partner/branches-and-offers.test.ts',
            'test/integration/partner/document-validations.test.ts',
            'test/integration/copies/signed-copies.test.ts',
            'test/integration/organisations/organisation-api.test.ts',
            'test/integration/organisations/qr-organisations.test.ts',
          ],
          environment: 'node',
          globalSetup: ['test/integration/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
    ],
  },
});
