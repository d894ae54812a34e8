/** Correcting an interaction, a gift or a membership where it shows on the card: Edit opens a small
 *  form in place of the item, filled with what is stored; Delete removes it at once, with Undo in the
 *  confirmation line (undo-bar.ts). One form for the three, so that they behave alike. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Changed } from '../server';
import { CardContext, checkedOf, Field, SaveOrCancel, Section, SectionError, valueOf } from './card-context';

export type EditValues = Record<string, string | boolean>;

export interface EditField {
  name: string;
  label: string;
  type: 'text' | 'money' | 'date' | 'datetime-local' | 'textarea' | 'select' | 'checkbox';
  /** For a select: value and label; '' first offers "—". */
  options?: { value: string; label: string }[];
}

/** Whether this item is the one being corrected. */
export function isEditing(ctx: CardContext, section: Section, id: string): boolean {
  return ctx.editing?.section === section && ctx.editing.id === id;
}

interface ItemButtonsProps {
  ctx: CardContext;
  kind: string;
  section: Section;
  id: string;
  /** Deletes the item; `deleted` says it is gone, with Undo. */
  remove(): Promise<Changed<unknown>>;
  deleted: string;
}

/** Edit and Delete for one item (editors only). */
export function ItemButtons({ ctx, kind, section, id, remove, deleted }: ItemButtonsProps) {
  if (!ctx.editable) return null;
  const busy = ctx.busy !== '';
  const onDelete = () => void ctx.undoable(section, remove, () => deleted);
  return (
    <div class="item-buttons">
      <button type="button" class="small-button" data-testid={`edit-${kind}`} data-id={id} disabled={busy} onClick={() => ctx.edit({ section, id })}>
        {t('edit.edit')}
      </button>
      <button type="button" class="small-button danger-text" data-testid={`delete-${kind}`} data-id={id} disabled={busy} onClick={onDelete}>
        {t('edit.delete')}
      </button>
    </div>
  );
}

interface EditFormProps {
  ctx: CardContext;
  kind: string;
  section: Section;
  id: string;
  fields: EditField[];
  /** What is stored, as the form shows it (text as text: what the person typed is what they see). */
  start: EditValues;
  /** How to save what was typed, or null when it cannot be (the form was told why: ctx.refuse). */
  save(values: EditValues): (() => Promise<Changed<unknown>>) | null;
}

/** The form in place of the item, taking the focus: Save sends what was typed, Cancel and Escape put
 *  the item back. */
export function EditForm({ ctx, kind, section, id, fields, start, save }: EditFormProps) {
  const [values, setValues] = useState(start);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input:not([type=checkbox]), select, textarea')?.focus();
  }, []);
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));
  const stop = () => ctx.edit(null);
  const onSave = () => {
    const run = save(values);
    if (run) void ctx.undoable(section, run, () => t('edit.saved'), stop);
  };
  const control = (f: EditField) => {
    if (f.type === 'checkbox')
      return (
        <label class="check" key={f.name}>
          <input type="checkbox" name={f.name} checked={values[f.name] === true} onChange={(e) => set(f.name, checkedOf(e))} /> {f.label}
        </label>
      );
    const value = String(values[f.name] ?? '');
    return (
      <Field key={f.name} ctx={ctx} section={section} name={f.name} id={`edit-${f.name}`} label={f.label}>
        {(attrs) =>
          f.type === 'textarea' ? (
            <textarea {...attrs} name={f.name} rows={3} value={value} onInput={(e) => set(f.name, valueOf(e))} />
          ) : f.type === 'select' ? (
            <select {...attrs} name={f.name} value={value} onChange={(e) => set(f.name, valueOf(e))}>
              {(f.options ?? []).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label || '—'}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...attrs}
              name={f.name}
              type={f.type === 'money' ? 'text' : f.type}
              inputMode={f.type === 'money' ? 'decimal' : undefined}
              autocomplete="off"
              value={value}
              onInput={(e) => set(f.name, valueOf(e))}
            />
          )
        }
      </Field>
    );
  };
  return (
    <form
      ref={form}
      class="card-form"
      noValidate
      data-testid="edit-form"
      data-kind={kind}
      data-id={id}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ctx.busy) onSave();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') stop();
      }}
    >
      {fields.map(control)}
      <SectionError ctx={ctx} name={section} fields={fields.map((f) => f.name)} />
      <SaveOrCancel ctx={ctx} section={section} save="edit-save" cancel="edit-cancel" onCancel={stop} />
    </form>
  );
}
