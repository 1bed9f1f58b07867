import type { z } from 'zod';
import type { ChainFlag } from '../../playlists/schemas/operator-api.ts';
import { gapRange } from '../../playlists/chain.ts';
import { useI18n } from '../i18n/index.tsx';

const KINDS = ['gap', 'broken', 'reorder', 'edit', 'refused'] as const;
type Kind = (typeof KINDS)[number];

/**
 * What the hub flagged in a screen's proof-of-play chain (docs/hub.md,
 * "Play batches"): a refused batch with its stable code (nothing of it was
 * counted), or where an accepted one disagrees with what is stored.
 */
export function ChainFlags({ flags }: { flags: readonly z.infer<typeof ChainFlag>[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (flags.length === 0) return null;
  const kind = (k: string): Kind | undefined => KINDS.find((x) => x === k);
  // A gap says which records are missing (its seq is the first record after them); one record is not a range.
  const what = (f: z.infer<typeof ChainFlag>, k: Kind | undefined): string => {
    const gap = k === 'gap' ? gapRange(f.detail) : null;
    if (gap) return gap.from === gap.to ? t('chainFlag.gapOne', { n: gap.from }) : t('chainFlag.gapRange', { from: gap.from, to: gap.to });
    return k ? t(`chainFlag.${k}`) : f.kind;
  };
  return (
    <div className="table-wrap">
      <table className="table chain-flags">
        <caption>{t('screen.chainFlags')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('screen.flagAt')}</th>
            <th scope="col">{t('screen.flagKind')}</th>
            <th scope="col">{t('screen.flagSeq')}</th>
            <th scope="col">{t('screen.flagCode')}</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((f) => {
            const k = kind(f.kind);
            return (
              <tr key={`${f.kind}:${f.recordId}:${f.detail}`}>
                <td>{i18n.dateTime(f.at)}</td>
                <td>{what(f, k)}</td>
                <td>{f.seq}</td>
                {/* A refusal's detail starts with its stable code (CHAIN_PAST_HEAD…): codes, not English prose, reach the page. */}
                <td className="wrap">{f.kind === 'refused' ? <code>{f.detail.split(':')[0]}</code> : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
