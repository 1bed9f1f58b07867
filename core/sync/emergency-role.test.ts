import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Origin } from '../../test/fixtures/core-origin.ts';
import { perTestOrigin } from '../../test/fixtures/core-per-test.ts';
import { next, publish, publisher, rootKey, waitState, type Started } from '../../test/fixtures/core-harness.ts';
import { key, playlistJson, rootEnvelope, signPlaylist } from '../../test/fixtures/core-signing.ts';

const env = perTestOrigin();
let origin: Origin;
beforeEach(() => void (origin = env.origin()));

const duty = key('duty-officer');
const approvers = [key('em-approver-1'), key('em-approver-2'), key('em-approver-3')];
const example = JSON.parse(readFileSync(new URL('../../playlists/examples/emergency.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The shipped Cà Mau takeover, issued a minute ago, valid `minutes`, for every screen. */
function takeover(version: number, minutes: number): Record<string, unknown> {
  const issued = Date.now() - 60_000;
  return { ...example, version, audience: { all: true }, issuedAt: new Date(issued).toISOString(), expiresAt: new Date(issued + minutes * 60_000).toISOString() };
}

async function syncAndSee(p: Started) {
  const outcome = Promise.race([next(p.core, 'rejected'), next(p.core, 'adopted').then(() => null)]);
  p.core.syncNow();
  return outcome;
}

/** Node's own DSSE check: Ed25519 over PAE(type, payload), independent of Pano's verifier. */
function nodeVerifies(envelopeText: string, publicKey: Uint8Array): boolean {
  const e = JSON.parse(envelopeText) as { payloadType: string; payload: string; signatures: { sig: string }[] };
  const body = Buffer.from(e.payload, 'base64');
  const type = Buffer.from(e.payloadType);
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
  return verify(null, pae, createPublicKey({ key: spki, format: 'der', type: 'spki' }), Buffer.from(e.signatures[0]!.sig, 'base64'));
}

describe('the emergency role on a real core (board 2 of 3, duty officer, 6 h maximum)', () => {
  it('refuses a normal playlist and an over-long takeover by the duty officer with stable codes, keeps the previous one, and adopts a takeover in scope in under 2 s', async () => {
    origin.put('/c/root/2.json', rootEnvelope(2, [rootKey], [publisher], [rootKey], undefined, { keys: approvers, threshold: 2 }, { keys: [duty], threshold: 1, maxDurationMinutes: 360 }));
    origin.put('/c/playlist.json', signPlaylist(playlistJson({ version: 1 }), approvers.slice(0, 2)));
    const p = await env.start();
    await waitState(p.core, (s) => s.playlist?.version === 1 && s.playlist.channel === 'lobby');
    expect((await p.core.status()).trustedRootVersion).toBe(2);

    origin.put('/c/playlist.json', signPlaylist(playlistJson({ version: 2 }), duty));
    expect((await syncAndSee(p))?.code).toBe('EMERGENCY_ROLE_SCOPE');
    origin.put('/c/playlist.json', signPlaylist(takeover(1, 361), duty));
    expect((await syncAndSee(p))?.code).toBe('EMERGENCY_TOO_LONG');
    expect(p.core.state().playlist).toMatchObject({ channel: 'lobby', version: 1 });
    expect((await p.core.status()).rejection).toMatchObject({ code: 'EMERGENCY_TOO_LONG' });

    // Within the maximum: from the sync a hub's push starts (syncNow) to adoption.
    const signed = signPlaylist(takeover(2, 360), duty);
    expect(nodeVerifies(signed, duty.publicKey)).toBe(true);
    origin.put('/c/playlist.json', signed);
    const adopted = next(p.core, 'adopted');
    const t0 = performance.now();
    p.core.syncNow();
    await adopted;
    const ms = performance.now() - t0;
    console.log(`emergency takeover signed by the duty officer: adopted ${ms.toFixed(0)} ms after the sync began`);
    expect(ms).toBeLessThan(2_000);
    expect(p.core.state().playlist).toMatchObject({ channel: 'emergency', version: 2 });

    // The hub's key (publisher) is still not an emergency signer under this root.
    publish(origin, { version: 3, channel: 'emergency' }, { signer: publisher });
    expect((await syncAndSee(p))?.code).toBe('ROLE_NOT_ALLOWED');
  });
});
