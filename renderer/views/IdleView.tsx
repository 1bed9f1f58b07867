import { languageChain, playerScreenText } from '../i18n/index.ts';
import { Brand } from './Brand.tsx';

/** Nothing scheduled and no fallback: a calm branded screen. */
export function IdleView({ chain }: { chain: string[] }) {
  const text = playerScreenText('idle', languageChain(chain[0], chain[1] ?? 'vi'));
  return <Brand kind="idle" title={text.title} lines={text.lines} />;
}
