import { createHash, randomBytes } from 'node:crypto';

/** Secrets are stored only as sha256: a leaked database holds no usable token. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export const newSecret = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export const DEVICE_TOKEN_PREFIX = 'pano_dev_';
export const OPERATOR_TOKEN_PREFIX = 'pano_op_';

export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_\-.~+/]{16,300}=*)$/.exec(header ?? '');
  return m?.[1];
}
