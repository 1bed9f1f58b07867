import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { PanoError } from '../../playlists/errors.ts';
import { encodeBase64 } from '../../playlists/base64.ts';
import { formatPrivateKeyFile, generateKeyPair, parsePrivateKeyFile, type KeyPair } from '../../playlists/keys.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import type { RootMetadata } from '../../playlists/schemas/root.ts';
import { verifyRootSelf, verifyRootUpdate } from '../../playlists/trust.ts';
import { statementSigners } from '../../playlists/trust-freshness.ts';
import type { Db } from '../db/db.ts';

const utf8 = new TextEncoder();

export interface RootRow {
  version: number;
  envelope: string;
}

export async function latestRoot(db: Db): Promise<RootRow | undefined> {
  return db.get<RootRow>('SELECT version, envelope FROM roots ORDER BY version DESC LIMIT 1');
}

export async function currentRootMetadata(db: Db): Promise<RootMetadata> {
  const row = await latestRoot(db);
  if (!row) throw new PanoError('INTERNAL', 'the hub has no root metadata');
  return verifyRootSelf(row.envelope).value;
}

/**
 * Stores a root envelope: the first must be self-signed by its root keys; each
 * next one must rotate from the stored chain (threshold of old and new root keys).
 */
export async function addRoot(db: Db, envelope: string, now: Date): Promise<number> {
  const current = await latestRoot(db);
  // Restarting with the same --root file after later rotations is fine: it is already stored.
  const same = await db.get<{ version: number }>('SELECT version FROM roots WHERE envelope = $1', [envelope]);
  if (same) return same.version;
  let version: number;
  if (!current) {
    version = verifyRootSelf(envelope, { now }).value.version;
  } else {
    const self = verifyRootSelf(envelope);
    if (self.value.version <= current.version) {
      throw new PanoError('ROLLBACK', `root v${self.value.version} is not newer than the stored root v${current.version}`);
    }
    const trusted = verifyRootSelf(current.envelope).value;
    if (self.value.version !== current.version + 1) {
      throw new PanoError('ROOT_ROTATION_INVALID', `the hub holds root v${current.version}; upload v${current.version + 1} next`);
    }
    version = verifyRootUpdate(trusted, [envelope], now).root.version;
  }
  await db.run('INSERT INTO roots (version, envelope, created_at) VALUES ($1, $2, $3)', [version, envelope, now.getTime()]);
  return version;
}

export interface KeySetup {
  publisher: KeyPair;
  /** Lines to print on start (demo root notice). */
  notices: string[];
}

/**
 * The publisher key lives in DATA/keys/publisher.key (or is copied there from
 * --publisher-key). Without any root, the hub makes a clearly labelled demo
 * root so a trial works out of the box; production roots are made offline.
 */
export async function setupKeys(db: Db, dataDir: string, opts: { rootFile?: string | undefined; publisherKeyFile?: string | undefined; now: Date }): Promise<KeySetup> {
  const keysDir = join(dataDir, 'keys');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const publisherPath = join(keysDir, 'publisher.key');
  const notices: string[] = [];

  let publisher: KeyPair;
  if (opts.publisherKeyFile) {
    publisher = parsePrivateKeyFile(await readFile(opts.publisherKeyFile, 'utf8'), opts.publisherKeyFile);
    await writeFile(publisherPath, formatPrivateKeyFile(publisher), { mode: 0o600 });
  } else {
    const existing = await readFile(publisherPath, 'utf8').catch(() => undefined);
    publisher = existing ? parsePrivateKeyFile(existing, publisherPath) : generateKeyPair();
    if (!existing) await writeFile(publisherPath, formatPrivateKeyFile(publisher), { mode: 0o600 });
  }

  if (opts.rootFile) await addRoot(db, await readFile(opts.rootFile, 'utf8'), opts.now);
  if (!(await latestRoot(db))) {
    const rootKey = generateKeyPair();
    await writeFile(join(keysDir, 'DEMO-root.key'), formatPrivateKeyFile(rootKey), { mode: 0o600 });
    const root: RootMetadata = {
      type: 'root',
      version: 1,
      expires: new Date(opts.now.getTime() + 365 * 86_400_000).toISOString(),
      keys: {
        [rootKey.keyid]: { keytype: 'ed25519', public: encodeBase64(rootKey.publicKey) },
        [publisher.keyid]: { keytype: 'ed25519', public: encodeBase64(publisher.publicKey) },
      },
      roles: {
        root: { keyids: [rootKey.keyid], threshold: 1 },
        publisher: { keyids: [publisher.keyid], threshold: 1 },
        hub: { keyids: [publisher.keyid], threshold: 1 },
      },
    };
    const envelope = serializeEnvelope(signEnvelope(PAYLOAD_TYPES.root, utf8.encode(JSON.stringify(root)), [rootKey]));
    await addRoot(db, envelope, opts.now);
    notices.push(
      `DEMO ROOT created: ${join(keysDir, 'DEMO-root.key')} signs root v1. For trials only:`,
      '  for production make the root offline (pano keygen, pano root init) and start the hub with --root ROOT.json --publisher-key KEY.',
    );
  }
  const root = await currentRootMetadata(db);
  if (!root.roles.publisher.keyids.includes(publisher.keyid)) {
    notices.push(`WARNING: the hub's publisher key ${publisher.keyid.slice(0, 12)}… is not in root v${root.version}: screens will refuse what it signs.`);
  }
  if (!statementSigners(root).keys.some((k) => k.keyid === publisher.keyid)) {
    notices.push(`WARNING: the hub's key ${publisher.keyid.slice(0, 12)}… is not in the hub role of root v${root.version}: paired screens will refuse its freshness statements (pano root rotate --hub).`);
  }
  return { publisher, notices };
}
