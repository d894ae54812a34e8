import { CrmTarget, openCrm } from './open-crm';
import { flag, Args } from './args';
import type { SyncOutcome } from '../services/sync/sync-run';

const ENV = {
  mailchimp: { key: 'MAILCHIMP_API_KEY', url: 'MAILCHIMP_API_URL' },
  brevo: { key: 'BREVO_API_KEY', url: 'BREVO_API_URL' },
} as const;

/** `crm sync mailchimp|brevo --workbook PATH --list LIST_ID [--segment NAME] [--fields "city=CITY;…"] [--dry-run] [--json]`:
 *  the same sync as the Newsletter tab, on a workbook, without the 6-minute limit. The key comes from
 *  MAILCHIMP_API_KEY / BREVO_API_KEY (never a flag: it would stay in the shell's history);
 *  MAILCHIMP_API_URL / BREVO_API_URL point it elsewhere (an emulator, a proxy). Admins only. */
export async function syncCommand(args: Args, target: CrmTarget): Promise<number> {
  const [platform = ''] = args.positional;
  if (platform !== 'mailchimp' && platform !== 'brevo') throw new Error('crm sync needs a platform: crm sync mailchimp|brevo --list LIST_ID --workbook PATH');
  const list = flag(args, 'list');
  if (!list) throw new Error(`crm sync ${platform} needs --list LIST_ID (the ${platform === 'mailchimp' ? 'audience' : 'list'} id)`);
  const key = process.env[ENV[platform].key] ?? '';
  if (!key.trim()) throw new Error(`Set ${ENV[platform].key} to the ${platform === 'mailchimp' ? 'Mailchimp' : 'Brevo'} API key.`);
  const apiUrl = process.env[ENV[platform].url];
  const segment = flag(args, 'segment');
  const fields = flag(args, 'fields');
  const crm = await openCrm(args, target);
  crm.runtime.executionBudgetMs = Infinity;
  const input = { platform, key, list, ...(segment ? { segment } : {}), ...(apiUrl ? { api_url: apiUrl } : {}), ...(fields ? { fields } : {}) };
  const answer = await crm.call(args.flags['dry-run'] ? 'previewSync' : 'syncNewsletter', input);
  if (!answer.ok) throw new Error(answer.error.message);
  const outcome = answer.data as SyncOutcome;
  const { conflicts, ...report } = outcome.report;
  if (args.flags.json) {
    console.log(JSON.stringify({ ...report, conflicts, preview: outcome.preview, calls: outcome.calls }, null, 2));
    return 0;
  }
  const r = outcome.report;
  console.log(
    [
      outcome.preview ? 'Preview: nothing was written on either side.' : 'Synced.',
      `${platform === 'mailchimp' ? 'Mailchimp' : 'Brevo'}: ${r.created_in_mailer} added, ${r.updated_in_mailer} changed, ${r.unsubscribed_in_mailer} unsubscribed.`,
      `CRM: ${r.created_in_crm} new contacts, ${r.updated_in_crm} changed, ${r.opted_out_in_crm} opted out, ${r.cleaned_in_crm} bounced (cleaned).`,
      `Engagement: ${r.activity.campaigns} campaign(s), ${r.activity.recipients} new engaged recipient(s), ${r.activity.opens} open(s), ${r.activity.clicks} click(s).`,
      ...conflicts.map((c) => `  to look at: ${c.email} (${c.kind.replace(/_/g, ' ')}${c.details ? `: ${c.details}` : ''})`),
      ...r.errors.map((e) => `  refused: ${e.email ? `${e.email}: ` : ''}${e.message}`),
      `${outcome.calls} request(s).`,
    ].join('\n'),
  );
  return r.errors.length ? 1 : 0;
}
