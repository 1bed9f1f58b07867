import { useState } from 'react';
import type { LocalizedText } from '../../../playlists/schemas/common.ts';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { pickText } from '../../i18n/pick.ts';
import { useEditor } from '../context.tsx';
import { LocalizedAt, MediaAt, NumberAt, SelectAt } from '../controls.tsx';
import { getIn, move, setIn, slugId } from '../draft-ops.ts';
import { BLOCK_KINDS, BlockForm, blankBlock } from './BlockForm.tsx';
import { QuizForm } from './QuizForm.tsx';
import { VisitorLanguages } from './VisitorLanguages.tsx';

type Titled = { title?: LocalizedText };

export function KioskPanel() {
  const { t } = useI18n();
  const { draft, change, canEdit } = useEditor();
  if (!draft.kiosk) {
    return (
      <section className="panel">
        <h2>{t('kiosk.title')}</h2>
        <p className="muted">{t('kiosk.none')}</p>
        {canEdit && (
          <button
            type="button"
            className="primary"
            onClick={() =>
              change((d) =>
                setIn(d, ['kiosk'], {
                  home: { title: { vi: t('kiosk.starterTitle') }, sections: [{ id: 'gioi-thieu', title: { vi: t('kiosk.starterPage') }, page: 'gioi-thieu' }] },
                  pages: { 'gioi-thieu': { title: { vi: t('kiosk.starterPage') }, blocks: [{ kind: 'text', text: { vi: t('kiosk.starterText') } }] } },
                }),
              )
            }
          >
            {t('kiosk.add')}
          </button>
        )}
      </section>
    );
  }
  return (
    <div className="stack">
      <section className="panel form" aria-labelledby="kiosk-h">
        <h2 id="kiosk-h">{t('kiosk.title')}</h2>
        <div className="inline-fields">
          <NumberAt path={['kiosk', 'idleSeconds']} label={t('kiosk.idle')} optional min={10} max={3600} step={1} />
          <NumberAt path={['kiosk', 'countdownSeconds']} label={t('kiosk.countdown')} optional min={3} max={60} step={1} />
        </div>
        <VisitorLanguages />
      </section>
      <Home />
      <Pages />
      <Quizzes />
    </div>
  );
}

function Home() {
  const { t, lang } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const sections = (getIn(draft, ['kiosk', 'home', 'sections']) as Titled[] | undefined) ?? [];
  const pages = Object.entries(((getIn(draft, ['kiosk', 'pages']) ?? {}) as Record<string, Titled>)).map(([id, p]) => ({ value: id, label: pickText(p.title, lang) || id }));
  return (
    <section className="panel form" aria-labelledby="home-h">
      <h2 id="home-h">{t('kiosk.home')}</h2>
      <LocalizedAt path={['kiosk', 'home', 'title']} label={t('kiosk.homeTitle')} />
      <LocalizedAt path={['kiosk', 'home', 'subtitle']} label={t('kiosk.homeSubtitle')} optional />
      <MediaAt path={['kiosk', 'home', 'background']} label={t('kiosk.background')} kind="image" optional />
      {sections.map((s, i) => (
        <fieldset key={i} className="group-box">
          <legend>{pickText(s.title, lang) || t('kiosk.section', { n: i + 1 })}</legend>
          <LocalizedAt path={['kiosk', 'home', 'sections', i, 'title']} label={t('kiosk.sectionTitle')} />
          <LocalizedAt path={['kiosk', 'home', 'sections', i, 'description']} label={t('kiosk.sectionDescription')} optional />
          <SelectAt path={['kiosk', 'home', 'sections', i, 'page']} label={t('kiosk.sectionPage')} options={pages} />
          <MediaAt path={['kiosk', 'home', 'sections', i, 'icon']} label={t('kiosk.sectionIcon')} kind="image" optional />
          {canEdit && sections.length > 1 && (
            <button type="button" onClick={() => set(['kiosk', 'home', 'sections', i], undefined)}>
              {t('common.remove')}
            </button>
          )}
        </fieldset>
      ))}
      {canEdit && sections.length < 12 && (
        <button
          type="button"
          onClick={() => set(['kiosk', 'home', 'sections'], [...sections, { id: slugId(t('kiosk.newSection'), sections.map((s) => (s as { id?: string }).id ?? ''), 'section'), title: { vi: t('kiosk.newSection') }, page: pages[0]?.value ?? '' }])}
        >
          {t('kiosk.addSection')}
        </button>
      )}
    </section>
  );
}

function Pages() {
  const { t, lang } = useI18n();
  const { draft, set, change, canEdit } = useEditor();
  const pages = (getIn(draft, ['kiosk', 'pages']) ?? {}) as Record<string, Titled & { blocks?: { kind: string }[] }>;
  const ids = Object.keys(pages);
  const [current, setCurrent] = useState(ids[0] ?? '');
  const [newPage, setNewPage] = useState('');
  const [blockKind, setBlockKind] = useState<(typeof BLOCK_KINDS)[number]>('text');
  const page = pages[current];
  const blocks = page?.blocks ?? [];
  const firstQuiz = Object.keys(((getIn(draft, ['kiosk', 'quizzes']) ?? {}) as object))[0] ?? '';

  return (
    <section className="panel form" aria-labelledby="pages-h">
      <h2 id="pages-h">{t('kiosk.pages')}</h2>
      <Field label={t('kiosk.pageToEdit')}>
        {(c) => (
          <select {...c} value={current} onChange={(e) => setCurrent(e.target.value)}>
            {ids.map((id) => (
              <option key={id} value={id}>
                {pickText(pages[id]?.title, lang) || id}
              </option>
            ))}
          </select>
        )}
      </Field>
      {page && (
        <div className="page-form" data-page={current}>
          <LocalizedAt path={['kiosk', 'pages', current, 'title']} label={t('kiosk.pageTitle')} />
          {blocks.map((b, i) => (
            <fieldset key={`${current}-${i}`} className="group-box block" data-block={b.kind}>
              <legend>{t('block.heading', { n: i + 1, kind: t(`blockKind.${b.kind as 'text'}`) })}</legend>
              <BlockForm base={['kiosk', 'pages', current, 'blocks', i]} />
              {canEdit && (
                <div className="actions">
                  <button type="button" disabled={i === 0} onClick={() => set(['kiosk', 'pages', current, 'blocks'], move(blocks, i, i - 1))}>
                    {t('common.moveUp')}
                  </button>
                  <button type="button" disabled={i === blocks.length - 1} onClick={() => set(['kiosk', 'pages', current, 'blocks'], move(blocks, i, i + 1))}>
                    {t('common.moveDown')}
                  </button>
                  {blocks.length > 1 && (
                    <button type="button" onClick={() => set(['kiosk', 'pages', current, 'blocks', i], undefined)}>
                      {t('common.remove')}
                    </button>
                  )}
                </div>
              )}
            </fieldset>
          ))}
          {canEdit && (
            <div className="inline-form">
              <Field label={t('kiosk.blockKind')}>
                {(c) => (
                  <select {...c} value={blockKind} onChange={(e) => setBlockKind(e.target.value as (typeof BLOCK_KINDS)[number])}>
                    {BLOCK_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`blockKind.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="button" onClick={() => set(['kiosk', 'pages', current, 'blocks'], [...blocks, blankBlock(blockKind, ids[0] ?? current, firstQuiz)])}>
                {t('kiosk.addBlock')}
              </button>
            </div>
          )}
        </div>
      )}
      {canEdit && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const id = slugId(newPage, ids, 'page');
            change((d) => setIn(d, ['kiosk', 'pages', id], { title: { vi: newPage }, blocks: [{ kind: 'text', text: { vi: newPage } }] }));
            setCurrent(id);
            setNewPage('');
          }}
        >
          <Field label={t('kiosk.newPage')}>{(c) => <input {...c} required value={newPage} onChange={(e) => setNewPage(e.target.value)} />}</Field>
          <button type="submit">{t('kiosk.addPage')}</button>
        </form>
      )}
    </section>
  );
}

function Quizzes() {
  const { t } = useI18n();
  const { draft, change, canEdit } = useEditor();
  const quizzes = Object.keys(((getIn(draft, ['kiosk', 'quizzes']) ?? {}) as object));
  const [name, setName] = useState('');
  return (
    <section className="stack" aria-labelledby="quizzes-h">
      <h2 id="quizzes-h">{t('kiosk.quizzes')}</h2>
      {quizzes.map((id) => (
        <QuizForm key={id} id={id} />
      ))}
      {canEdit && (
        <form
          className="panel inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const id = slugId(name, quizzes, 'quiz');
            change((d) => setIn(d, ['kiosk', 'quizzes', id], { title: { vi: name }, questions: [{ text: { vi: name }, choices: ['', ''], answer: 0 }] }));
            setName('');
          }}
        >
          <Field label={t('kiosk.newQuiz')}>{(c) => <input {...c} required value={name} onChange={(e) => setName(e.target.value)} />}</Field>
          <button type="submit">{t('kiosk.addQuiz')}</button>
        </form>
      )}
    </section>
  );
}
