import { DEFAULT_DEDUPE_RULES, dedupeRules } from '../../src/core/dedupe/rules';

const weightOf = (rules: { fields: { field: string; weight: number }[] }, field: string) => rules.fields.find((f) => f.field === field)?.weight;

describe('dedupeRules', () => {
  it('gives the defaults, without complaint, when the setting is empty', () => {
    const { rules, problems } = dedupeRules('');
    expect(problems).toEqual([]);
    expect(rules).toEqual(DEFAULT_DEDUPE_RULES);
    expect(rules.fields).not.toBe(DEFAULT_DEDUPE_RULES.fields);
  });

  it('reads the threshold, the Gmail rule and the weights people wrote; other fields keep their defaults', () => {
    const { rules, problems } = dedupeRules('{"threshold": 0.9, "gmailDots": true, "weights": {"email": 6, "City": 0, "name": 2}}');
    expect(problems).toEqual([]);
    expect(rules.threshold).toBe(0.9);
    expect(rules.gmailDots).toBe(true);
    expect(weightOf(rules, 'email')).toBe(6);
    expect(weightOf(rules, 'city')).toBeUndefined();
    expect(weightOf(rules, 'name')).toBe(2);
    expect(weightOf(rules, 'phone')).toBe(weightOf(DEFAULT_DEDUPE_RULES, 'phone'));
  });

  it('falls back to the defaults on text that is not JSON, and says so', () => {
    const { rules, problems } = dedupeRules('threshold = 0.8');
    expect(rules).toEqual(DEFAULT_DEDUPE_RULES);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not valid JSON/);
  });

  it('keeps what it can read and reports each value it cannot', () => {
    const { rules, problems } = dedupeRules('{"threshold": 1.5, "gmail_dots": "yes", "weights": {"email": -1, "phone": 5, "shoe_size": 3}, "colour": "red"}');
    expect(rules.threshold).toBe(DEFAULT_DEDUPE_RULES.threshold);
    expect(rules.gmailDots).toBe(false);
    expect(weightOf(rules, 'email')).toBe(weightOf(DEFAULT_DEDUPE_RULES, 'email'));
    expect(weightOf(rules, 'phone')).toBe(5);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/threshold/);
    expect(problems.join('\n')).toMatch(/gmailDots/);
    expect(problems.join('\n')).toMatch(/weight of email/);
    expect(problems.join('\n')).toMatch(/unknown field "shoe_size"/);
    expect(problems.join('\n')).toMatch(/unknown key "colour"/);
  });

  it('refuses rules that would compare nothing', () => {
    const zero = Object.fromEntries(DEFAULT_DEDUPE_RULES.fields.map((f) => [f.field, 0]));
    const { rules, problems } = dedupeRules(JSON.stringify({ weights: zero }));
    expect(rules.fields).toEqual(DEFAULT_DEDUPE_RULES.fields);
    expect(problems[0]).toMatch(/every weight is 0/);
  });

  it('refuses JSON that is not an object', () => {
    for (const text of ['[1,2]', '0.8', 'null', '{"weights": [1]}']) {
      const { rules, problems } = dedupeRules(text);
      expect(rules.fields).toEqual(DEFAULT_DEDUPE_RULES.fields);
      expect(problems).toHaveLength(1);
    }
  });
});
