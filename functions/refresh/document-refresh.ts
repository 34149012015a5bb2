import { randomBytes } from 'node:crypto';
import { dynamoDocumentsDue } from '../adapters/dynamo/document-expiry';
import { dynamoNotificationStore } from '../adapters/dynamo/notification-store';
import { dynamoRegistry } from '../adapters/dynamo/registry-store';
import { dynamoWalletStore } from '../adapters/dynamo/wallet-store';
import { newNotificationId } from '../core/notifications/notification';
import { refreshDueDocuments } from '../core/registry/refresh-documents';

// The document refresh with its adapters: run by the scheduled function and by the operator's
// `documents.refresh` command (one code path for both).
export function runDocumentRefresh(now = new Date()) {
  return refreshDueDocuments(
    {
      due: dynamoDocumentsDue,
      registry: dynamoRegistry,
      wallet: dynamoWalletStore,
      notifications: dynamoNotificationStore,
      newNotificationId: (at) => newNotificationId(at, randomBytes(6).toString('hex')),
    },
    now,
  );
}
