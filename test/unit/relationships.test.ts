import { findDuplicate, isInForce, labelFrom, otherEnd, RelationshipEnds, sideOf } from '../../src/core/relationships';

const parentOf = { label_a_to_b: 'parent of', label_b_to_a: 'child of' };
const spouseOf = { label_a_to_b: 'spouse of', label_b_to_a: 'spouse of' };
const rel = (over: Partial<RelationshipEnds & { id: string }> = {}): RelationshipEnds & { id: string } => ({
  id: 'rel_1',
  contact_a: 'con_ana',
  contact_b: 'con_ben',
  type_id: 'rty_parent',
  active: true,
  end_date: '',
  ...over,
});
const today = '2026-06-01';

describe('reading a relationship from either side', () => {
  it('knows which end a contact is', () => {
    expect(sideOf(rel(), 'con_ana')).toBe('a');
    expect(sideOf(rel(), 'con_ben')).toBe('b');
    expect(sideOf(rel(), 'con_cleo')).toBeNull();
    expect(sideOf(rel({ contact_b: '' }), '')).toBeNull();
  });

  it('shows a’s card label_a_to_b and b’s card label_b_to_a', () => {
    expect(labelFrom(rel(), parentOf, 'con_ana')).toBe('parent of');
    expect(labelFrom(rel(), parentOf, 'con_ben')).toBe('child of');
    expect(labelFrom(rel(), parentOf, 'con_cleo')).toBe('');
  });

  it('shows the same label from both sides of a symmetric type', () => {
    const marriage = rel({ type_id: 'rty_spouse' });
    expect(labelFrom(marriage, spouseOf, 'con_ana')).toBe('spouse of');
    expect(labelFrom(marriage, spouseOf, 'con_ben')).toBe('spouse of');
  });

  it('names the contact at the other end', () => {
    expect(otherEnd(rel(), 'con_ana')).toBe('con_ben');
    expect(otherEnd(rel(), 'con_ben')).toBe('con_ana');
    expect(otherEnd(rel(), 'con_cleo')).toBe('');
  });
});

describe('isInForce', () => {
  it('holds until its end date, included', () => {
    expect(isInForce(rel(), today)).toBe(true);
    expect(isInForce(rel({ end_date: '2026-06-01' }), today)).toBe(true);
    expect(isInForce(rel({ end_date: '2026-06-02' }), today)).toBe(true);
    expect(isInForce(rel({ end_date: '2026-05-31' }), today)).toBe(false);
    expect(isInForce(rel({ end_date: '2026-05-31T22:00:00Z' }), today)).toBe(false);
  });

  it('treats a blank active as active and false as ended', () => {
    expect(isInForce(rel({ active: '' }), today)).toBe(true);
    expect(isInForce(rel({ active: false }), today)).toBe(false);
  });
});

describe('findDuplicate', () => {
  it('finds the same pair and type in either order', () => {
    const existing = [rel()];
    expect(findDuplicate(existing, 'con_ana', 'con_ben', 'rty_parent', today)?.id).toBe('rel_1');
    expect(findDuplicate(existing, 'con_ben', 'con_ana', 'rty_parent', today)?.id).toBe('rel_1');
  });

  it('finds a symmetric relationship entered from the other side', () => {
    const existing = [rel({ id: 'rel_spouse', type_id: 'rty_spouse' })];
    expect(findDuplicate(existing, 'con_ben', 'con_ana', 'rty_spouse', today)?.id).toBe('rel_spouse');
  });

  it('does not count another type or another pair', () => {
    const existing = [rel()];
    expect(findDuplicate(existing, 'con_ana', 'con_ben', 'rty_spouse', today)).toBeUndefined();
    expect(findDuplicate(existing, 'con_ana', 'con_cleo', 'rty_parent', today)).toBeUndefined();
    expect(findDuplicate(existing, 'con_cleo', 'con_ben', 'rty_parent', today)).toBeUndefined();
  });

  it('does not count ended relationships', () => {
    expect(findDuplicate([rel({ end_date: '2025-12-31' })], 'con_ana', 'con_ben', 'rty_parent', today)).toBeUndefined();
    expect(findDuplicate([rel({ active: false })], 'con_ben', 'con_ana', 'rty_parent', today)).toBeUndefined();
    const history = [rel({ id: 'rel_old', end_date: '2020-01-01' }), rel({ id: 'rel_now' })];
    expect(findDuplicate(history, 'con_ana', 'con_ben', 'rty_parent', today)?.id).toBe('rel_now');
  });
});
