import type { ReactNode } from 'react';
import type { LocalizedText } from '../../playlists/schemas/common.ts';
import type { PageBlock } from '../../playlists/schemas/kiosk.ts';
import { Gallery } from './blocks/Gallery.tsx';
import { LinksBlock } from './blocks/Links.tsx';
import { MapBlock } from './blocks/MapBlock.tsx';
import { QrBlock } from './blocks/Qr.tsx';
import { QuizBlock } from './blocks/Quiz.tsx';
import { RichText } from './blocks/RichText.tsx';
import { VideoBlock } from './blocks/Video.tsx';
import { Text, useKiosk, useText } from './context.tsx';

/** One page: its title, then its blocks in order. */
export function PageView({ id }: { id: string }): ReactNode {
  const { kiosk } = useKiosk();
  const page = kiosk.pages[id];
  if (!page) return null;
  return (
    <article className="pano-page" data-page={id}>
      <Text as="h1" text={page.title} />
      {page.blocks.map((block, i) => (
        <section key={i} className={`pano-block pano-block-${block.kind}`}>
          <Block block={block} pageId={id} />
        </section>
      ))}
    </article>
  );
}

function Block({ block, pageId }: { block: PageBlock; pageId: string }): ReactNode {
  switch (block.kind) {
    case 'text':
      return <RichText text={block.text} />;
    case 'image':
      return <ImageBlock asset={block.asset} caption={block.caption} />;
    case 'gallery':
      return <Gallery images={block.images} pageId={pageId} />;
    case 'video':
      return <VideoBlock block={block} />;
    case 'map':
      return <MapBlock block={block} />;
    case 'qr':
      return <QrBlock url={block.url} caption={block.caption} />;
    case 'links':
      return <LinksBlock pages={block.pages} />;
    case 'quiz':
      return <QuizBlock quizId={block.quiz} />;
  }
}

function ImageBlock({ asset, caption }: { asset: string; caption: LocalizedText | undefined }): ReactNode {
  const { media, size } = useKiosk();
  const text = useText();
  const src = media[asset];
  return (
    <figure className="pano-figure">
      {src && <img src={src} alt={text(caption)} draggable={false} {...size(asset)} />}
      {caption && <Text as="figcaption" text={caption} />}
    </figure>
  );
}
