/** The trigger point rule editor in a real browser against `crm serve`: a rule added in the Segments
 *  tab (a mistake first, refused with the field named), listed in words, run, switched off through its
 *  form and deleted. What the page did is checked through the API. */
import { sidebarSession, testid, until } from '../support/sidebar-session';
import type { TriggerPointRule as Rule } from '../../src/services/points/trigger-point-rules';

const session = sidebarSession({ demo: 60 });
const api = <T>(action: string, input: unknown): Promise<T> => session.api<T>(action, input);

const rulesNow = async () => (await api<{ rules: Rule[] }>('listTriggerPoints', {})).rules;
const SEGMENT = 'Membership ends within 30 days';

describe('the trigger point rules', () => {
  it('adds a rule, runs it on the segment’s members, switches it off and deletes it', async () => {
    const segment = (await api<{ segments: { id: string; name: string }[] }>('listSegments', {})).segments.find((s) => s.name === SEGMENT)!;
    const members = (await api<{ members: { total: number; items: { id: string }[] } }>('getSegment', { id: segment.id, limit: 1000 })).members;
    expect(members.total).toBeGreaterThan(0);

    await session.page.locator(testid('nav-segments')).click();
    const defaults = await rulesNow();
    await until(async () => (await session.page.locator(testid('rule')).count()) === defaults.length);
    expect(await session.page.locator(testid('rule')).first().locator(testid('rule-when')).textContent()).toBe(`When a contact enters "${SEGMENT}": a follow-up the same day`);

    // A mistake first: a follow-up in "soon" days is refused, naming the field; the label follows the action.
    await session.page.locator(testid('rule-new')).click();
    const form = session.page.locator(testid('rule-form'));
    await form.waitFor();
    await until(async () => (await form.locator(`${testid('rule-segment')} option`).count()) > 0);
    await session.page.locator(testid('rule-name')).fill('Tag new members');
    await session.page.locator(testid('rule-segment')).selectOption(SEGMENT);
    await session.page.locator(testid('rule-action')).selectOption('follow_up');
    expect(await session.page.locator(testid('rule-argument-label')).textContent()).toBe('In how many days (empty: the same day)');
    await session.page.locator(testid('rule-argument')).fill('soon');
    await session.page.locator(testid('rule-save')).click();
    await session.page.locator(testid('rule-error')).waitFor();
    expect(await session.page.locator(testid('rule-error')).textContent()).toBe('Days: "soon" is not a number of days: write a whole number from 0 (today) to 3650, or leave it empty for today.');
    expect((await rulesNow()).map((r) => r.name)).not.toContain('Tag new members');

    await session.page.locator(testid('rule-action')).selectOption('add_tag');
    expect(await session.page.locator(testid('rule-argument-label')).textContent()).toBe('Name of the tag to add');
    await session.page.locator(testid('rule-argument')).fill('renewal call');
    await session.page.locator(testid('rule-save')).click();
    const item = session.page.locator(testid('rule')).filter({ hasText: 'Tag new members' });
    await item.waitFor();
    await form.waitFor({ state: 'detached' });
    expect(await item.locator(testid('rule-when')).textContent()).toBe(`When a contact enters "${SEGMENT}": add the tag "renewal call"`);
    expect(await item.locator(testid('rule-active')).isChecked()).toBe(true);
    expect(await item.locator(testid('rule-problem')).count()).toBe(0);
    const saved = (await rulesNow()).find((r) => r.name === 'Tag new members')!;
    expect(saved).toMatchObject({ id: expect.stringMatching(/^trp_/), segment: SEGMENT, action: 'add_tag', argument: 'renewal call', active: true, problems: [] });

    // Run: the new rule acts on every member of its segment (the others already ran at start-up).
    await session.page.locator(testid('trigger-run')).click();
    await session.page.locator(testid('trigger-report')).waitFor();
    expect(await session.page.locator(testid('trigger-report')).textContent()).toBe(`${members.total} acted on, 0 left their segment.`);
    const fired = (await api<{ entries: { contact_id: string; outcome: string }[] }>('triggerLog', { rule: saved.id, limit: 1000 })).entries;
    expect(fired.map((e) => e.contact_id).sort()).toEqual(members.items.map((m) => m.id).sort());
    expect(new Set(fired.map((e) => e.outcome))).toEqual(new Set(['done']));
    const card = await api<{ tags: { name: string }[] }>('getContactCard', { id: members.items[0].id });
    expect(card.tags.map((t) => t.name)).toContain('renewal call');
    await until(async () => (await session.page.locator(testid('trigger-entry')).filter({ hasText: 'Tag new members' }).count()) === Math.min(members.total, 20));

    // Edit: switched off through its form.
    await item.locator(testid('rule-edit')).click();
    await form.waitFor();
    expect(await session.page.locator(testid('rule-name')).inputValue()).toBe('Tag new members');
    expect(await session.page.locator(testid('rule-argument')).inputValue()).toBe('renewal call');
    await until(async () => (await session.page.locator(testid('rule-segment')).inputValue()) === SEGMENT);
    await form.locator(testid('rule-active')).uncheck();
    await session.page.locator(testid('rule-save')).click();
    await form.waitFor({ state: 'detached' });
    await until(async () => !(await item.locator(testid('rule-active')).isChecked()));
    expect((await rulesNow()).find((r) => r.id === saved.id)).toMatchObject({ name: 'Tag new members', argument: 'renewal call', active: false });

    // Delete, after confirming: gone from the list and the sheet, its firings kept in the log.
    await item.locator(testid('rule-delete')).click();
    await item.locator(testid('rule-delete-confirm')).click();
    await until(async () => (await session.page.locator(testid('rule')).filter({ hasText: 'Tag new members' }).count()) === 0);
    expect((await rulesNow()).map((r) => r.id)).not.toContain(saved.id);
    const log = (await api<{ entries: { rule: string }[] }>('triggerLog', { limit: 1000 })).entries;
    expect(log.filter((e) => e.rule === saved.id)).toHaveLength(members.total);
  });
});
