/** De-duplication rules, CiviCRM-style: fields with weights and a threshold, kept in the Settings sheet as
 *  JSON so that an administrator can make matching stricter or looser without a new release. */

/** The fields the engine can compare. 'name' is the whole name in one (first and last, either way round,
 *  or an organisation's name), for rules that would rather not weigh the two parts apart. */
export const DEDUPE_FIELDS = ['email', 'phone', 'name', 'first_name', 'last_name', 'postal_code', 'organisation', 'birthday', 'city'] as const;
export type DedupeField = (typeof DEDUPE_FIELDS)[number];

/** One compared field and how much its agreement counts. */
export interface FieldRule {
  field: DedupeField;
  weight: number;
}

/** What makes two contacts a likely duplicate: weighted fields and the score (0..1) a pair must reach. */
export interface DedupeRules {
  fields: FieldRule[];
  threshold: number;
  gmailDots: boolean;
}

/** Tuned on the generated test set (test/unit/dedupe-quality.test.ts), precision first: a merge is
 *  destructive, a missed duplicate only costs a second look. Email and phone weigh most because people
 *  rarely share them (the first-name guard handles families who do); postcode and city are shared by
 *  thousands and mostly corroborate. */
export const DEFAULT_DEDUPE_RULES: DedupeRules = {
  fields: [
    { field: 'email', weight: 4 },
    { field: 'phone', weight: 3 },
    { field: 'first_name', weight: 2 },
    { field: 'last_name', weight: 2 },
    { field: 'postal_code', weight: 1.5 },
    { field: 'organisation', weight: 3 },
    { field: 'birthday', weight: 3 },
    { field: 'city', weight: 0.5 },
  ],
  threshold: 0.8,
  gmailDots: false,
};

const KNOWN_KEYS = new Set(['threshold', 'weights', 'gmaildots', 'gmail_dots']);

function isField(name: string): name is DedupeField {
  return (DEDUPE_FIELDS as readonly string[]).includes(name);
}

/** From the Settings value 'dedupe_rules' (JSON text people may edit, e.g. {"threshold":0.8,"weights":
 *  {"email":4,"city":0},"gmailDots":true}). Listed weights replace the default ones, 0 leaves a field out,
 *  and fields not listed keep their default weight. Anything unreadable falls back to the defaults, and the
 *  errors are returned for the admin to see; an empty value is the defaults without complaint. */
export function dedupeRules(text: string): { rules: DedupeRules; problems: string[] } {
  const d = DEFAULT_DEDUPE_RULES;
  const problems: string[] = [];
  const fallback = () => ({ rules: { ...d, fields: d.fields.map((f) => ({ ...f })) }, problems });
  const source = String(text ?? '').trim();
  if (source === '') return fallback();
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (e) {
    problems.push(`dedupe_rules is not valid JSON (${(e as Error).message}); the default rules are used. Example: {"threshold":0.8,"weights":{"email":4}}`);
    return fallback();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push('dedupe_rules must be a JSON object such as {"threshold":0.8,"weights":{"email":4}}; the default rules are used.');
    return fallback();
  }
  const input = parsed as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key.toLowerCase())) problems.push(`dedupe_rules: unknown key "${key}" is ignored (known: threshold, weights, gmailDots).`);
  }
  const value = (name: string) => {
    const key = Object.keys(input).find((k) => k.toLowerCase().replace('_', '') === name);
    return key === undefined ? undefined : input[key];
  };

  let threshold = d.threshold;
  const t = value('threshold');
  if (t !== undefined) {
    if (typeof t === 'number' && t > 0 && t <= 1) threshold = t;
    else problems.push(`dedupe_rules: threshold must be a number above 0 and at most 1 (got ${JSON.stringify(t)}); ${d.threshold} is used.`);
  }

  let gmailDots = d.gmailDots;
  const g = value('gmaildots');
  if (g !== undefined) {
    if (typeof g === 'boolean') gmailDots = g;
    else problems.push(`dedupe_rules: gmailDots must be true or false (got ${JSON.stringify(g)}); ${d.gmailDots} is used.`);
  }

  const weights = new Map<DedupeField, number>(d.fields.map((f) => [f.field, f.weight]));
  const w = value('weights');
  if (w !== undefined) {
    if (w === null || typeof w !== 'object' || Array.isArray(w)) {
      problems.push('dedupe_rules: weights must be an object such as {"email":4,"phone":3}; the default weights are used.');
    } else {
      for (const [name, weight] of Object.entries(w as Record<string, unknown>)) {
        const field = name.trim().toLowerCase();
        if (!isField(field)) problems.push(`dedupe_rules: unknown field "${name}" is ignored (known: ${DEDUPE_FIELDS.join(', ')}).`);
        else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
          problems.push(`dedupe_rules: the weight of ${field} must be a number, 0 or more (got ${JSON.stringify(weight)}); its default is kept.`);
        } else weights.set(field, weight);
      }
    }
  }
  const fields = DEDUPE_FIELDS.filter((f) => (weights.get(f) ?? 0) > 0).map((field) => ({ field, weight: weights.get(field) as number }));
  if (fields.length === 0) {
    problems.push('dedupe_rules: every weight is 0, so nothing would be compared; the default weights are used.');
    return { rules: { threshold, gmailDots, fields: d.fields.map((f) => ({ ...f })) }, problems };
  }
  return { rules: { fields, threshold, gmailDots }, problems };
}
