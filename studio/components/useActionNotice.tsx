import { useCallback, useState } from 'react';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type I18n, type MessageKey, type Params } from '../i18n/index.tsx';
import { Notice } from './Notice.tsx';

/**
 * What an action told the operator, kept as a message key (or the refusal
 * itself) rather than as a sentence: a notice shown before the operator
 * switches language is then read again in the new language, not left in the
 * old one.
 */
export type Said = { key: MessageKey; params?: Params } | { error: unknown };
export interface Shown {
  kind: 'ok' | 'error';
  said: Said;
}

/** A refusal the studio makes itself (not the hub), named by its message key. */
export class Refusal extends Error {
  readonly key: MessageKey;
  readonly params: Params | undefined;
  constructor(key: MessageKey, params?: Params) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

export function saidText(i18n: I18n, said: Said): string {
  if ('key' in said) return i18n.t(said.key, said.params);
  return said.error instanceof Refusal ? i18n.t(said.error.key, said.error.params) : apiErrorText(i18n, said.error);
}

export const ok = (key: MessageKey, params?: Params): Shown => ({ kind: 'ok', said: { key, params } });
export const refused = (key: MessageKey, params?: Params): Shown => ({ kind: 'error', said: { key, params } });

/**
 * One door for "do this, then say how it went": `run` clears the last notice,
 * awaits the work and shows what it returned (a Shown, or a Said meaning
 * success, or nothing: then `done`), or the refusal it threw. Resolves true
 * when the work succeeded.
 */
export function useActionNotice(initial: Shown | null = null) {
  const [notice, setNotice] = useState<Shown | null>(initial);
  const run = useCallback(async (work: () => Promise<Shown | Said | void>, done?: Said): Promise<boolean> => {
    setNotice(null);
    try {
      const result = await work();
      const shown = result && 'kind' in result ? result : (result ?? done);
      setNotice(shown === undefined ? null : 'kind' in shown ? shown : { kind: 'ok', said: shown });
      return true;
    } catch (error) {
      setNotice({ kind: 'error', said: { error } });
      return false;
    }
  }, []);
  return { notice, setNotice, run };
}

/** The notice in the operator's current language. */
export function ActionNotice({ notice }: { notice: Shown | null }) {
  const i18n = useI18n();
  if (!notice) return null;
  return <Notice kind={notice.kind}>{saidText(i18n, notice.said)}</Notice>;
}
