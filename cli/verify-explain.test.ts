import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RootMetadata } from '../playlists/schemas/root.ts';
import { makeRoot, signedPayload, testKey, toBytes } from '../playlists/trust.fixtures.ts';
import { explainLines } from './commands/verify-explain.ts';

const R = testKey('ex-root');
const HUB = testKey('ex-hub');
const [A1, A2] = [testKey('ex-approver-1'), testKey('ex-approver-2')];
const DUTY = testKey('ex-duty');
const root = RootMetadata.parse(makeRoot({ root: [R], publishers: [HUB], board: [A1, A2], boardThreshold: 2, emergency: [DUTY], maxDurationMinutes: 360 }));
const takeover = readFileSync(new URL('../playlists/examples/emergency.json', import.meta.url));

describe('pano verify --explain and the emergency role', () => {
  it('a takeover the duty officer signed: the board is not met, and a line says the emergency role is, for takeovers only', () => {
    const lines = explainLines(toBytes(signedPayload(takeover, [DUTY])), root, 'en');
    expect(lines.at(-2)).toBe('threshold: 0 of 2 needed: not met');
    expect(lines.at(-1)).toBe('emergency role: 1 of 1 needed: met; valid only as an emergency takeover (interrupt slides from the emergency template, at most 360 min), which the verdict below checks');
    expect(explainLines(toBytes(signedPayload(takeover, [DUTY])), root, 'vi').at(-1)).toMatch(/^vai trò khẩn cấp: có 1 trên 1 chữ ký cần thiết: đạt; .*tối đa 360 phút/);
  });

  it('no emergency line when the board signed, or when nobody of the emergency role did', () => {
    expect(explainLines(toBytes(signedPayload(takeover, [A1, A2])), root, 'en').at(-1)).toBe('threshold: 2 of 2 needed: met');
    expect(explainLines(toBytes(signedPayload(takeover, [A1])), root, 'en').at(-1)).toBe('threshold: 1 of 2 needed: not met');
  });
});
