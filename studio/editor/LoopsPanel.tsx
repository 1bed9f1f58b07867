import { DndContext, KeyboardSensor, MeasuringStrategy, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useState } from 'react';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useEditor } from './context.tsx';
import { move, setIn, slugId, type JsonObject } from './draft-ops.ts';
import { addMediaItem, duplicateItem } from './items/new-items.ts';
import { LoopRow } from './LoopRow.tsx';
import { LocalizedAt } from './controls.tsx';
import { itemTitle, loopName } from './names.ts';

type Sequences = Record<string, { items: string[] }>;

/**
 * Loops as lists: add (an item, or a library file straight in), drag to
 * reorder (mouse, touch, or keyboard: space, arrows, space), move up and
 * down, duplicate, remove. @dnd-kit: accessible, maintained, small.
 */
export function LoopsPanel() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const editor = useEditor();
  const sequences = (editor.draft.sequences ?? {}) as Sequences;
  const [newLoop, setNewLoop] = useState('');

  const addLoop = () => {
    const id = slugId(newLoop, Object.keys(sequences), 'loop');
    editor.change((d) => setIn(d, ['sequences', id], { title: { [lang]: newLoop.trim() }, items: [] }));
    setNewLoop('');
  };

  return (
    <div className="stack">
      <p className="muted">{t('loops.lead')}</p>
      {Object.entries(sequences).map(([id, seq]) => (
        <Loop key={id} id={id} items={seq.items ?? []} name={loopName(editor.draft, id, i18n)} />
      ))}
      {editor.canEdit && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            addLoop();
          }}
        >
          <Field label={t('loops.newName')}>{(c) => <input {...c} required value={newLoop} onChange={(e) => setNewLoop(e.target.value)} />}</Field>
          <button type="submit">{t('loops.add')}</button>
        </form>
      )}
    </div>
  );
}

function Loop({ id, items, name }: { id: string; items: string[]; name: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const editor = useEditor();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  // Sortable ids must be unique even when an item appears twice in a loop.
  const keys = items.map((item, i) => `${i}:${item}`);
  const path = ['sequences', id, 'items'];
  const setItems = (next: (list: string[]) => string[]) => editor.change((d) => setIn(d, path, next(((d.sequences as Sequences)[id]?.items ?? []).slice())));

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    setItems((list) => move(list, keys.indexOf(String(active.id)), keys.indexOf(String(over.id))));
  };

  return (
    <section className="panel loop" aria-labelledby={`loop-${id}`} data-loop={id}>
      <h2 id={`loop-${id}`}>{name}</h2>
      <details className="loop-title-edit">
        <summary>{t('loops.rename')}</summary>
        <LocalizedAt path={['sequences', id, 'title']} label={t('loops.title')} optional />
      </details>
      {items.length === 0 && <p className="muted">{t('loops.empty')}</p>}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        // Rows measured before a drag starts: measured only once it had started, an arrow key pressed at once
        // (a quick keyboard user, or a slow phone) found no rows to move over and was lost.
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: t('loops.dragHelp') },
          announcements: {
            onDragStart: ({ active }) => t('loops.picked', { title: titleOf(String(active.id)) }),
            onDragOver: ({ over }) => (over ? t('loops.over', { n: keys.indexOf(String(over.id)) + 1 }) : ''),
            onDragEnd: ({ over }) => (over ? t('loops.dropped', { n: keys.indexOf(String(over.id)) + 1 }) : ''),
            onDragCancel: () => t('loops.cancelled'),
          },
        }}
      >
        <SortableContext items={keys} strategy={verticalListSortingStrategy}>
          <ol className="loop-list">
            {items.map((itemId, i) => (
              <LoopRow
                key={keys[i]}
                sortKey={keys[i]!}
                itemId={itemId}
                index={i}
                count={items.length}
                canEdit={editor.canEdit}
                onMove={(to) => setItems((list) => move(list, i, to))}
                onRemove={() => setItems((list) => list.filter((_, j) => j !== i))}
                onDuplicate={() => editor.change((d) => duplicateItem(d, id, i))}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {editor.canEdit && <AddToLoop loopId={id} items={items} />}
    </section>
  );

  function titleOf(key: string): string {
    return itemTitle(editor.draft, key.slice(key.indexOf(':') + 1), lang, editor.media);
  }
}

/** Adds an existing item, or a library file as a new item, at a chosen place in the loop. */
function AddToLoop({ loopId, items }: { loopId: string; items: string[] }) {
  const { t, lang } = useI18n();
  const editor = useEditor();
  const [what, setWhat] = useState('');
  const [at, setAt] = useState(String(items.length));
  const allItems = Object.keys((editor.draft.items ?? {}) as object);
  const files = editor.media.filter((m) => m.kind === 'video' || m.kind === 'image');

  const add = () => {
    if (!what) return;
    const index = Math.min(Number(at), items.length);
    editor.change((d: JsonObject) => {
      let next = d;
      let itemId = what.slice(5);
      if (what.startsWith('file:')) {
        const file = files.find((f) => f.sha256 === what.slice(5))!;
        ({ draft: next, id: itemId } = addMediaItem(d, file));
      }
      const list = ((next.sequences as Sequences)[loopId]?.items ?? []).slice();
      list.splice(index, 0, itemId);
      return setIn(next, ['sequences', loopId, 'items'], list);
    });
    setWhat('');
    setAt(String(items.length + 1));
  };

  return (
    <form
      className="inline-form add-to-loop"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <Field label={t('loops.addWhat')}>
        {(c) => (
          <select {...c} value={what} onChange={(e) => setWhat(e.target.value)}>
            <option value="">{t('loops.choose')}</option>
            <optgroup label={t('loops.fromLibrary')}>
              {files.map((f) => (
                <option key={f.sha256} value={`file:${f.sha256}`}>
                  {f.title}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('loops.fromItems')}>
              {allItems.map((id) => (
                <option key={id} value={`item:${id}`}>
                  {itemTitle(editor.draft, id, lang, editor.media)}
                </option>
              ))}
            </optgroup>
          </select>
        )}
      </Field>
      <Field label={t('loops.where')}>
        {(c) => (
          <select {...c} value={Math.min(Number(at), items.length)} onChange={(e) => setAt(e.target.value)}>
            <option value={0}>{t('loops.atStart')}</option>
            {items.map((id, i) => (
              <option key={`${i}:${id}`} value={i + 1}>
                {t('loops.after', { title: itemTitle(editor.draft, id, lang, editor.media) })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={!what}>
        {t('loops.addButton')}
      </button>
    </form>
  );
}
