import { encodeBase64 } from '../../playlists/base64.ts';

/**
 * The approver's own Ed25519 key, made in this browser with WebCrypto. The
 * private half is non-extractable: no script (the studio's included) can read
 * it out, only ask the browser to sign with it; it lives in IndexedDB as a
 * CryptoKey, so it survives reloads. Only the public half goes to the hub.
 */

const DB = 'pano-board';
const STORE = 'keys';
const ID = 'approver';

export interface ApproverKeyPair {
  keys: CryptoKeyPair;
  /** Standard base64 of the raw 32-byte public key. */
  publicB64: string;
  /** Lowercase hex sha256 of the raw public key (Pano's keyid). */
  keyid: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function describe(keys: CryptoKeyPair): Promise<ApproverKeyPair> {
  const raw = await crypto.subtle.exportKey('raw', keys.publicKey);
  return { keys, publicB64: encodeBase64(new Uint8Array(raw)), keyid: hex(await crypto.subtle.digest('SHA-256', raw)) };
}

/** The key kept in this browser, or undefined when none was made yet. */
export async function storedKey(): Promise<ApproverKeyPair | undefined> {
  const db = await open();
  try {
    const keys = (await request(db.transaction(STORE).objectStore(STORE).get(ID))) as CryptoKeyPair | undefined;
    return keys ? describe(keys) : undefined;
  } finally {
    db.close();
  }
}

/** Makes and keeps a new key (non-extractable private half). */
export async function createKey(): Promise<ApproverKeyPair> {
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const db = await open();
  try {
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(keys, ID));
  } finally {
    db.close();
  }
  return describe(keys);
}

/** Ed25519 over the bytes given (the caller passes PAE(payloadType, payload)). */
export async function signWith(key: ApproverKeyPair, message: Uint8Array): Promise<string> {
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, key.keys.privateKey, message as Uint8Array<ArrayBuffer>);
  return encodeBase64(new Uint8Array(sig));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}
