// Keys, aliases and tags of the emulated KMS, persisted as one JSON file (private material included:
// this is a laptop emulator) under <dataDir>/kms/, rewritten atomically after every change.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsServiceError } from '../aws-json-service';
import { type LoadedKey, loadMaterial } from './key-material';
import { KEY_SPECS, type KeySpecInfo, type KeyUsage } from './key-specs';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface KmsKey {
  id: string;
  createdAt: number;
  description: string;
  keySpec: string;
  keyUsage: KeyUsage;
  state: KeyState;
  deletionDate?: number;
  rotation: boolean;
  tags: Record<string, string>;
  /** Base64 AES-256 key for SYMMETRIC_DEFAULT, PKCS#8 PEM otherwise. */
  material: string;
}

export interface KmsAlias {
  name: string;
  targetKeyId: string;
  createdAt: number;
  updatedAt: number;
}

interface StoreFile {
  version: 1;
  keys: KmsKey[];
  aliases: KmsAlias[];
}

export class KeyStore {
  readonly keys = new Map<string, KmsKey>();
  readonly aliases = new Map<string, KmsAlias>();
  private readonly loaded = new Map<string, LoadedKey>();
  private readonly dir: string;
  private readonly file: string;

  constructor(
    dataDir: string,
    readonly region: string,
    readonly accountId: string,
  ) {
    this.dir = join(dataDir, 'kms');
    this.file = join(this.dir, 'keys.json');
    mkdirSync(this.dir, { recursive: true });
    let stored: StoreFile | undefined;
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8')) as StoreFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const key of stored?.keys ?? []) this.keys.set(key.id, key);
    for (const alias of stored?.aliases ?? []) this.aliases.set(alias.name, alias);
  }

  keyArn(id: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:key/${id}`;
  }

  aliasArn(name: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:${name}`;
  }

  /** Resolves a key id, key ARN, alias name or alias ARN, as every KMS `KeyId` parameter accepts. */
  find(keyRef: unknown): KmsKey {
    if (typeof keyRef !== 'string' || keyRef === '') {
      throw new AwsServiceError('ValidationException', 'KeyId is required');
    }
    let ref = keyRef;
    const arnPrefix = `arn:aws:kms:${this.region}:${this.accountId}:`;
    if (ref.startsWith('arn:')) {
      if (!ref.startsWith(arnPrefix)) throw notFound(keyRef);
      ref = ref.slice(arnPrefix.length);
      if (ref.startsWith('key/')) ref = ref.slice('key/'.length);
    }
    const id = ref.startsWith('alias/') ? this.aliases.get(ref)?.targetKeyId : ref;
    const key = id === undefined ? undefined : this.keys.get(id);
    if (!key) throw notFound(keyRef);
    return key;
  }

  spec(key: KmsKey): KeySpecInfo {
    const spec = KEY_SPECS[key.keySpec];
    if (!spec)
      throw new AwsServiceError('KMSInternalException', `Unknown stored key spec ${key.keySpec}`, 500);
    return spec;
  }

  material(key: KmsKey): LoadedKey {
    let loaded = this.loaded.get(key.id);
    if (!loaded) {
      loaded = loadMaterial(this.spec(key), key.material);
      this.loaded.set(key.id, loaded);
    }
    return loaded;
  }

  save(): void {
    const contents: StoreFile = {
      version: 1,
      keys: [...this.keys.values()],
      aliases: [...this.aliases.values()],
    };
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(contents, null, 2), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}

function notFound(keyRef: string): AwsServiceError {
  return new AwsServiceError('NotFoundException', `Key '${keyRef}' does not exist`);
}
