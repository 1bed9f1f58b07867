import type { ReactNode } from 'react';
import type { LocalizedText } from '../../../playlists/schemas/common.ts';
import { pickLocalized } from '../../i18n/pick.ts';
import { useKiosk } from '../context.tsx';
import { parseRichText } from '../rich-text.ts';

/** Paragraphs with **bold**, in the visitor's language. */
export function RichText({ text }: { text: LocalizedText }): ReactNode {
  const { chain } = useKiosk();
  const picked = pickLocalized(text, chain);
  return (
    <div className="pano-rich-text" lang={picked.lang}>
      {parseRichText(picked.text).map((runs, p) => (
        <p key={p}>
          {runs.map((run, r) =>
            run.bold ? <strong key={r}>{run.text}</strong> : <LineBreaks key={r} text={run.text} />,
          )}
        </p>
      ))}
    </div>
  );
}

function LineBreaks({ text }: { text: string }): ReactNode {
  const lines = text.split('\n');
  return lines.map((line, i) => (
    <span key={i}>
      {line}
      {i < lines.length - 1 && <br />}
    </span>
  ));
}
