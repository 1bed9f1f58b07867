import { useEffect, useState } from 'react';
import { decodeBase64 } from '../../playlists/base64.ts';
import { pae } from '../../playlists/dsse.ts';
import { parseJsonBytes } from '../../playlists/parse.ts';
import type { EmergencyDraft } from '../../playlists/schemas/emergency-api.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { createKey, sha256Hex, signWith, storedKey, type ApproverKeyPair } from '../board/approver-key.ts';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { ActionNotice, Refusal, useActionNotice, type Said } from '../components/useActionNotice.tsx';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';

/** The frozen bytes must say what the page showed: channel emergency, these texts, no longer than shown. */
function sameAsShown(payload: Uint8Array, draft: EmergencyDraft): boolean {
  const p = parseJsonBytes(Playlist, payload, 'emergency payload');
  const notice = p.items.notice;
  if (p.channel !== 'emergency' || notice?.kind !== 'slide' || notice.template !== 'emergency') return false;
  const minutes = (Date.parse(p.expiresAt) - Date.parse(p.issuedAt)) / 60_000;
  return notice.fields.vi.title === draft.request.title && (notice.fields.en?.title ?? '') === draft.request.titleEn && minutes <= draft.request.durationMinutes;
}

/**
 * The duty officer's side, made for a phone: each pending emergency draft
 * (from the studio or a CAP alert) in Vietnamese and English, and one button
 * that freezes it into bytes, checks they say what is shown, signs them with
 * this browser's non-extractable key and posts the signature.
 */
export function EmergencyDrafts({ onPublished }: { onPublished: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const list = useLoad(() => call(API.listEmergencyDrafts), 'emergency-drafts', 5_000);
  const [key, setKey] = useState<ApproverKeyPair | null | undefined>(undefined);
  const { notice, run } = useActionNotice();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    storedKey().then(
      (k) => setKey(k ?? null),
      () => setKey(null),
    );
  }, []);

  const act = async (work: () => Promise<Said>) => {
    setBusy(true);
    await run(work);
    setBusy(false);
    list.reload();
  };
  const outcome = (d: EmergencyDraft, threshold: number): Said => {
    if (d.publishedVersion === null) return { key: 'duty.signed', params: { count: d.signatures.length, threshold } };
    onPublished();
    return { key: 'duty.published', params: { version: d.publishedVersion } };
  };

  const makeKey = () =>
    act(async () => {
      const made = await createKey();
      await call(API.registerApproverKey, { body: { public: made.publicB64 } });
      setKey(made);
      return { key: 'duty.keyMade' };
    });
  const sign = (d: EmergencyDraft, threshold: number) =>
    act(async () => {
      const frozen = await call(API.prepareEmergencyDraft, { params: { id: d.id } });
      const payload = decodeBase64(frozen.payload);
      if ((await sha256Hex(payload)) !== frozen.payloadSha256 || !sameAsShown(payload, d)) throw new Refusal('duty.mismatch');
      const body = { payloadSha256: frozen.payloadSha256, keyid: key!.keyid, sig: await signWith(key!, pae(frozen.payloadType, payload)) };
      return outcome(await call(API.signEmergencyDraft, { params: { id: d.id }, body }), threshold);
    });
  const publish = (d: EmergencyDraft) => act(async () => outcome(await call(API.publishEmergencyDraft, { params: { id: d.id } }), 1));
  const discard = (d: EmergencyDraft) =>
    act(async () => {
      await call(API.discardEmergencyDraft, { params: { id: d.id } });
      return { key: 'duty.discarded' };
    });

  const signing = list.data?.signing;
  const pending = (list.data?.drafts ?? []).filter((d) => d.state === 'pending');
  const inRole = key && signing ? signing.keyids.includes(key.keyid) : false;
  const big = { width: '100%', minHeight: '3.5rem', fontSize: '1.2rem' };
  return (
    <section className="panel" aria-labelledby="duty-title">
      <h2 id="duty-title">{t('duty.title')}</h2>
      {list.error !== null && <Notice kind="error">{apiErrorText(i18n, list.error)}</Notice>}
      <ActionNotice notice={notice} />
      {signing?.mode === 'none' && <p>{t('duty.modeNone')}</p>}
      {/* A duty officer makes the key before the root names it, so the button shows whoever signs now. */}
      {signing && session.can('approver') && key === null && (
        <button type="button" className="primary" onClick={() => void makeKey()}>
          {t('duty.makeKey')}
        </button>
      )}
      {signing?.mode === 'duty' && key && !inRole && <p>{t('duty.keyNotInRole', { keyid: key.keyid.slice(0, 16) })}</p>}
      {list.data && pending.length === 0 && <p>{t('duty.none')}</p>}
      {pending.map((d) => (
        <article key={d.id} className="group-box" aria-label={d.request.title}>
          <p className="muted">
            {d.cap
              ? t('duty.fromCap', {
                  event: d.cap.event,
                  severity: t(`duty.severity.${d.cap.severity}` as MessageKey),
                  areas: d.cap.areas.join('; '),
                  expires: d.cap.expires ? i18n.dateTime(d.cap.expires) : '—',
                })
              : t('duty.fromStudio', { who: d.createdBy, at: i18n.dateTime(d.createdAt) })}
          </p>
          <h3 lang="vi">{d.request.title}</h3>
          {d.request.message && <p lang="vi">{d.request.message}</p>}
          {d.request.titleEn && (
            <>
              <h3 lang="en">{d.request.titleEn}</h3>
              {d.request.messageEn && <p lang="en">{d.request.messageEn}</p>}
            </>
          )}
          <p>{t('duty.duration', { minutes: String(d.request.durationMinutes), max: String(signing?.maxDurationMinutes ?? '—') })}</p>
          {session.can('approver') && signing?.mode === 'duty' && inRole && !d.signatures.some((s) => s.keyid === key!.keyid) && (
            <button type="button" className="danger" style={big} disabled={busy} onClick={() => void sign(d, signing.threshold)}>
              {t('duty.sign')}
            </button>
          )}
          {session.can('approver') && signing?.mode === 'hub' && (
            <button type="button" className="danger" style={big} disabled={busy} onClick={() => void publish(d)}>
              {t('duty.publish')}
            </button>
          )}
          {session.can('approver') && (
            <button type="button" disabled={busy} onClick={() => void discard(d)}>
              {t('duty.discard')}
            </button>
          )}
        </article>
      ))}
    </section>
  );
}
