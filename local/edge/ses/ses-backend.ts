// aws-ses-v2-local in this process, on an internal loopback port. Its store is one per process, so
// the edge copies each sent message into its own mailbox at once and removes it from that store.
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Config } from 'aws-ses-v2-local';
import type { Email, Store } from 'aws-ses-v2-local/dist/store';

const require = createRequire(import.meta.url);

const startServer = (require('aws-ses-v2-local') as { default: (config: Partial<Config>) => Promise<Server> })
  .default;
const { getStoreReadonly } = require('aws-ses-v2-local/dist/store') as { getStoreReadonly(): Store };
const { createEmlContent } = require('aws-ses-v2-local/dist/emlFile') as {
  createEmlContent(email: Email): Promise<{ body: Buffer }>;
};

export type { Email };

export interface SesBackend {
  port: number;
  /** Removes a sent message from the emulator's store and hands it over, with its MIME rendering. */
  takeMessage(messageId: string): Promise<{ email: Email; eml: Buffer } | undefined>;
  close(): Promise<void>;
}

export async function startSesEmulator(): Promise<SesBackend> {
  const server = await startServer({ host: '127.0.0.1', port: 0 });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    async takeMessage(messageId) {
      const store = getStoreReadonly();
      const index = store.emails.findIndex((email) => email.messageId === messageId);
      const email = store.emails[index];
      if (!email) return undefined;
      store.emails.splice(index, 1);
      const { body } = await createEmlContent(email);
      return { email, eml: body };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
