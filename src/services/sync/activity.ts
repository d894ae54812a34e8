/** Campaign engagement kept compactly: one CampaignActivity row per engaged recipient per campaign,
 *  its counts added to as more opens and clicks come back, its first and last times widened, its
 *  clicked links gathered (at most MAX_LINKS). Recipients the CRM does not know are not kept. */
import { CampaignActivity, type CampaignActivityRow } from '../../core/schema/tables';
import type { Stored } from '../../store/table';
import type { Workbook } from '../../store/workbook';
import { emailKey } from './member-links';
import type { Campaign, Engagement, PlatformName } from './platforms/platform';
import type { SyncReport } from './report';

const MAX_LINKS = 20;
type Row = CampaignActivityRow & Stored;

export class ActivityRows {
  private readonly rows = new Map<string, Row>();

  /** `email`: one recipient's rows only, in a targeted read (a webhook's open or click), instead of the
   *  whole table (a sync's pages). */
  constructor(
    private readonly workbook: Workbook,
    email?: string,
  ) {
    const table = workbook.table(CampaignActivity);
    for (const row of email === undefined ? table.all() : table.where('email', email)) this.rows.set(ActivityRows.key(row.platform, row.campaign_id, row.email), row);
  }

  private static key(platform: string, campaign: string, email: string): string {
    return `${platform}\u0000${campaign}\u0000${emailKey(email)}`;
  }

  /** The latest open or click already counted for this campaign: only later ones are asked for. */
  lastOf(platform: string, campaignId: string): string {
    let last = '';
    for (const row of this.rows.values()) if (row.platform === platform && row.campaign_id === campaignId && String(row.last_at ?? '') > last) last = String(row.last_at);
    return last;
  }

  /** Adds what came back (counts since the last time asked) to the recipient's row. */
  add(contactFor: (email: string) => { id: string } | null, platform: PlatformName, campaign: Campaign, items: Engagement[], report: SyncReport): void {
    const table = this.workbook.table(CampaignActivity);
    for (const e of items) {
      const contact = contactFor(e.email);
      if (!contact) continue;
      const key = ActivityRows.key(platform, campaign.id, e.email);
      const row = this.rows.get(key);
      report.activity.opens += e.opens;
      report.activity.clicks += e.clicks;
      if (!row) {
        report.activity.recipients++;
        const made = table.insert([
          {
            contact_id: contact.id,
            platform,
            campaign_id: campaign.id,
            campaign: campaign.name,
            sent_at: campaign.sentAt,
            email: e.email,
            opens: e.opens,
            clicks: e.clicks,
            first_at: e.firstAt,
            last_at: e.lastAt,
            links: e.links.slice(0, MAX_LINKS).join('\n'),
          },
        ])[0];
        this.rows.set(key, made);
        continue;
      }
      const links_ = row.links ? row.links.split('\n') : [];
      for (const l of e.links) if (links_.length < MAX_LINKS && !links_.includes(l)) links_.push(l);
      const updated = table.update(row.id, {
        contact_id: contact.id,
        opens: Number(row.opens || 0) + e.opens,
        clicks: Number(row.clicks || 0) + e.clicks,
        first_at: !row.first_at || (e.firstAt && e.firstAt < row.first_at) ? e.firstAt : row.first_at,
        last_at: e.lastAt > String(row.last_at ?? '') ? e.lastAt : row.last_at,
        links: links_.join('\n'),
      });
      this.rows.set(key, updated);
    }
  }
}
