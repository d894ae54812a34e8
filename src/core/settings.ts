import { membershipRules, type MembershipRules } from './membership';
import { rfmSettings, type RfmSettings } from './rfm';
import { engagementSettings, type EngagementSettings } from './engagement';
import { parseRates, type Rates } from './money';

/** The Settings sheet read into what the rules need. People edit that sheet by hand, so keys are matched
 *  without regard to case or stray spaces, and a value that cannot be read falls back to its default
 *  instead of breaking every execution. */

/** Key → value, keys trimmed and lower-cased, values trimmed. When a key appears twice, the first row wins. */
export function settingsMap(rows: { key: string; value: string }[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const row of rows) {
    const key = String(row.key ?? '')
      .trim()
      .toLowerCase();
    if (key && !Object.prototype.hasOwnProperty.call(map, key)) map[key] = String(row.value ?? '').trim();
  }
  return map;
}

export interface CrmSettings {
  /** Two-letter country code for phone numbers written without '+', or ''. */
  defaultCountry: string;
  /** Three-letter currency code, 'EUR' when unset or unreadable. */
  currency: string;
  /** currency_rates: the value of one unit of other currencies in `currency` (see money.ts). */
  rates: Rates;
  /** Language code for everyone, '' to follow each person's Google account. */
  language: string;
  membership: MembershipRules;
  /** rfm_window_months, rfm_monetary (see rfm.ts). */
  rfm: RfmSettings;
  /** engagement_days, hot_min_score (see engagement.ts). */
  engagement: EngagementSettings;
  /** archive_log_months (default 12) and archive_interaction_months (null: never), whole months ≥ 1. */
  archive: { logMonths: number; interactionMonths: number | null };
  /** mail_daily_quota (recipients a day at most, default 100: a free Google account's), mail_from_name,
   *  mail_reply_to. */
  mail: { dailyQuota: number; fromName: string; replyTo: string };
}

export function crmSettings(map: Record<string, string>): CrmSettings {
  const country = String(map.default_country ?? '')
    .trim()
    .toUpperCase();
  const currency = String(map.currency ?? '')
    .trim()
    .toUpperCase();
  return {
    defaultCountry: /^[A-Z]{2}$/.test(country) ? country : '',
    currency: /^[A-Z]{3}$/.test(currency) ? currency : 'EUR',
    rates: parseRates(map.currency_rates ?? ''),
    language: String(map.language ?? '')
      .trim()
      .toLowerCase(),
    membership: membershipRules(map),
    rfm: rfmSettings(map),
    engagement: engagementSettings(map),
    archive: { logMonths: months(map.archive_log_months) ?? 12, interactionMonths: months(map.archive_interaction_months) },
    mail: {
      dailyQuota: /^\d+$/.test(String(map.mail_daily_quota ?? '').trim()) ? Number(String(map.mail_daily_quota).trim()) : 100,
      fromName: String(map.mail_from_name ?? '').trim() || String(map.organisation_name ?? '').trim(),
      replyTo: String(map.mail_reply_to ?? '').trim(),
    },
  };
}

/** A whole number of months, at least 1; null when empty or unreadable. */
function months(value: string | undefined): number | null {
  const text = String(value ?? '').trim();
  return /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : null;
}
