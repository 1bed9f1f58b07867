import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { LocalizedText } from '../../playlists/schemas/common.ts';
import type { SlideItem } from '../../playlists/schemas/items.ts';
import { assertNever } from '../../playlists/errors.ts';
import { pickTexts } from '../i18n/index.ts';
import { EmergencyIcon } from './EmergencyIcon.tsx';
import { QrCode } from './qr.tsx';

export interface SlideProps {
  item: SlideItem;
  /** Language chains from i18n languagesFor: one line per chain (two for "both"). */
  chains: string[][];
  mediaUrl(assetId: string): string | undefined;
  now(): Date;
}

const DEFAULT_THEME = { background: '#0b3d2e', foreground: '#ffffff', accent: '#ffd54f' };
/** Red with white text and a yellow warning sign, readable from across a hall. */
const EMERGENCY_THEME = { background: '#b00020', foreground: '#ffffff', accent: '#ffd54f' };

/**
 * The slide templates. Sizes are container-query units of the zone
 * (cqmin, cqw, cqh), so a slide looks the same at 720p, 4K or in portrait.
 */
export function Slide(props: SlideProps) {
  const { item } = props;
  const theme = item.theme ?? (item.template === 'emergency' ? EMERGENCY_THEME : DEFAULT_THEME);
  const bg = item.background ? props.mediaUrl(item.background) : undefined;
  const style = { '--bg': theme.background, '--fg': theme.foreground, '--accent': theme.accent } as CSSProperties;
  return (
    <div className={`slide slide-${item.template}`} style={style} data-template={item.template}>
      {bg && <img className="slide-bg" src={bg} alt="" draggable={false} />}
      <div className="slide-body">{body(props)}</div>
    </div>
  );
}

function body(props: SlideProps): ReactNode {
  const { item } = props;
  const T = ({ text, className }: { text: LocalizedText | undefined; className: string }) => <Texts {...props} text={text} className={className} />;
  const image = (id: string | undefined) => {
    const src = id ? props.mediaUrl(id) : undefined;
    return src ? <img className="slide-image" src={src} alt="" draggable={false} /> : null;
  };
  switch (item.template) {
    case 'headline':
      return (
        <>
          {image(item.fields.image)}
          <div className="slide-text">
            <T text={item.fields.title} className="title" />
            <T text={item.fields.subtitle} className="subtitle" />
          </div>
        </>
      );
    case 'fact-card':
      return (
        <>
          {image(item.fields.image)}
          <div className="slide-text">
            <T text={item.fields.title} className="title" />
            <dl className="facts">
              {item.fields.facts.map((f, i) => (
                <div className="fact" key={i}>
                  <dt>
                    <T text={f.value} className="fact-value" />
                  </dt>
                  <dd>
                    <T text={f.label} className="fact-label" />
                  </dd>
                </div>
              ))}
            </dl>
            <T text={item.fields.source} className="source" />
          </div>
        </>
      );
    case 'product-card':
      return (
        <>
          {image(item.fields.image)}
          <div className="slide-text">
            <T text={item.fields.badge} className="badge" />
            <T text={item.fields.name} className="title" />
            <T text={item.fields.origin} className="subtitle" />
            <T text={item.fields.description} className="body" />
            <T text={item.fields.price} className="price" />
          </div>
        </>
      );
    case 'event-countdown':
      return (
        <>
          {image(item.fields.image)}
          <div className="slide-text">
            <T text={item.fields.title} className="title" />
            <Countdown at={item.fields.eventAt} now={props.now} lang={props.chains[0]?.[0] ?? 'vi'} after={item.fields.afterText ? <T text={item.fields.afterText} className="subtitle" /> : null} />
            <T text={item.fields.place} className="subtitle" />
          </div>
        </>
      );
    case 'qr-cta':
      return (
        <>
          <div className="slide-text">
            <T text={item.fields.title} className="title" />
            <T text={item.fields.text} className="body" />
          </div>
          <figure className="qr">
            <QrCode value={item.fields.url} className="qr-code" />
            <T text={item.fields.caption} className="caption" />
          </figure>
        </>
      );
    case 'emergency':
      // Always both languages, whatever the screen's: the label is fixed, the texts are the operator's.
      return (
        <div className="emergency">
          <div className="emergency-label">
            <EmergencyIcon icon={item.fields.icon} />
            <span>
              <span lang="vi">KHẨN CẤP</span> / <span lang="en">EMERGENCY</span>
            </span>
          </div>
          {[['vi', item.fields.vi] as const, ['en', item.fields.en] as const].map(([lang, text]) =>
            text ? (
              <div className="emergency-text" lang={lang} key={lang}>
                <div className="title">{text.title}</div>
                {text.message && <div className="body">{text.message}</div>}
              </div>
            ) : null,
          )}
        </div>
      );
    default:
      return assertNever(item, 'slide template');
  }
}

function Texts({ text, className, chains }: SlideProps & { text: LocalizedText | undefined; className: string }) {
  if (text === undefined) return null;
  return (
    <div className={className}>
      {pickTexts(text, chains).map((t, i) => (
        <span key={i} className={i === 0 ? 'primary' : 'secondary'} lang={t.lang}>
          {t.text}
        </span>
      ))}
    </div>
  );
}

function Countdown({ at, now, lang, after }: { at: string; now: () => Date; lang: string; after: ReactNode }) {
  const target = Date.parse(at);
  const [left, setLeft] = useState(() => target - now().getTime());
  useEffect(() => {
    const timer = setInterval(() => setLeft(target - now().getTime()), 1_000);
    return () => clearInterval(timer);
  }, [target, now]);
  if (left <= 0) return <div className="countdown-after">{after}</div>;
  const s = Math.floor(left / 1000);
  const parts: [number, Unit][] = [
    [Math.floor(s / 86_400), 'day'],
    [Math.floor((s % 86_400) / 3_600), 'hour'],
    [Math.floor((s % 3_600) / 60), 'minute'],
    [s % 60, 'second'],
  ];
  return (
    <div className="countdown" role="timer" lang={lang}>
      {parts.map(([n, unit]) => (
        <span className="countdown-part" key={unit}>
          <b>{String(n).padStart(2, '0')}</b>
          <small>{unitName(unit, n, lang)}</small>
        </span>
      ))}
    </div>
  );
}

type Unit = 'day' | 'hour' | 'minute' | 'second';

/** The unit's name in the slide's language, from the browser's own CLDR data ("ngày", "days", "天"…). */
function unitName(unit: Unit, n: number, lang: string): string {
  try {
    const parts = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).formatToParts(n);
    return parts.filter((p) => p.type === 'unit').map((p) => p.value).join('').trim() || unit;
  } catch {
    return unit;
  }
}
