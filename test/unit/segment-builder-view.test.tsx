/**
 * @jest-environment jsdom
 */
/** The segment builder (a Preact component) in jsdom's page, its count asked of the real CRM in
 *  memory: what a person types in a row stays as typed while it means nothing yet (a count erased to
 *  type another keeps its mode and unit), a window's date typed is not wiped by a count arriving, a
 *  mistake at the end of the text waits for the pause, and rows and text stay in step. */
import { render } from 'preact';
import { PREVIEW_DELAY_MS, SegmentBuilder } from '../../sidebar/views/segment-builder';
import { setLanguage } from '../../sidebar/i18n';
import { setUpRuntime } from '../support/crm';
import { byTestid, one, serveFrom, useComponentPage } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();
useComponentPage();
afterEach(() => setLanguage('en'));

const type = (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input'));
};
/** The person's pause: past the builder's delay (timers run in the order they fall due). */
const pause = () => new Promise((resolve) => setTimeout(resolve, PREVIEW_DELAY_MS + 1));
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event('change'));
};

/** The builder on `query`, with the count's pause run by Jest's clock. */
function builder(query: string) {
  const page = serveFrom(setUpRuntime());
  const host = document.createElement('div');
  document.body.appendChild(host);
  const edited = { now: false };
  render(<SegmentBuilder query={query} canSave onSaved={() => {}} onCancel={() => {}} edited={edited} />, host);
  return { page, host, edited, text: () => one<HTMLTextAreaElement>(host, 'segment-query').value };
}

describe('the segment builder', () => {
  it('keeps a date row’s mode and unit while its count is erased and typed again', async () => {
    const { page, host, edited, text } = builder('created>=3m');
    await page.settle();
    expect(one<HTMLSelectElement>(host, 'condition-date-mode').value).toBe('ago');
    expect(one<HTMLSelectElement>(host, 'condition-unit').value).toBe('m');
    const count = one(host, 'condition-count');
    type(count, '');
    await page.settle();
    expect(one<HTMLSelectElement>(host, 'condition-date-mode').value).toBe('ago');
    expect(one<HTMLSelectElement>(host, 'condition-unit').value).toBe('m');
    expect(one(host, 'condition-count')).toBe(count);
    type(count, '1a');
    await page.settle();
    expect(count.value).toBe('1a');
    type(count, '12');
    await page.settle();
    expect(text()).toBe('created>=12m');
    expect(edited.now).toBe(true);
    // Written in the text, the row follows.
    type(one<HTMLTextAreaElement>(host, 'segment-query'), 'created>=2w');
    await page.settle();
    expect([one(host, 'condition-count').value, one<HTMLSelectElement>(host, 'condition-unit').value]).toEqual(['2', 'w']);
  });

  it('keeps a window’s date as typed while the count comes back', async () => {
    const { page, host, text } = builder('donations.count>=1 since:2026-01-01');
    await page.settle();
    const since = one(host, 'condition-window-value');
    expect(since.value).toBe('2026-01-01');
    since.value = '2025-0';
    // The count the first pause asked for arrives meanwhile.
    type(one(host, 'condition-value'), '2');
    await page.settle();
    expect(one(host, 'condition-window-value').value).toBe('2025-0');
    since.value = '2025-06-01';
    since.dispatchEvent(new Event('change'));
    await page.settle();
    expect(text()).toBe('donations.count>=2 since:2025-06-01');
  });

  it('says a mistake at the end of the text once the person pauses, and one in the middle at once', async () => {
    const { page, host } = builder('');
    await page.settle();
    const box = one<HTMLTextAreaElement>(host, 'segment-query');
    type(box, 'city = ');
    await page.settle();
    expect(byTestid(host, 'query-error')).toHaveLength(0);
    await pause();
    await page.settle();
    expect(byTestid(host, 'query-error')).toHaveLength(1);
    type(box, 'city = = Lyon');
    await page.settle();
    expect(one(host, 'query-error').textContent).toContain('10');
    expect(one<HTMLButtonElement>(host, 'segment-save').disabled).toBe(true);
  });

  it('writes the rows as text and counts the contacts they select, in French', async () => {
    setLanguage('fr');
    const { page, host, text } = builder('');
    await page.settle();
    expect(one(host, 'everyone')).toBeDefined();
    one(host, 'add-condition').click();
    await page.settle();
    choose(one<HTMLSelectElement>(host, 'condition-field'), 'city');
    await page.settle();
    type(one(host, 'condition-value'), 'Lyon');
    await page.settle();
    expect(text()).toBe('city:Lyon');
    expect(one(host, 'query-in-words').textContent).toContain('Lyon');
    await pause();
    await page.settle();
    expect(one(host, 'preview-count').textContent).toMatch(/^\d+ contacts?$/);
    one(host, 'condition-remove').click();
    await page.settle();
    expect(text()).toBe('');
  });
});
