import { CrmTarget, Crm, openCrm } from './open-crm';
import { flag, intFlag, Args } from './args';
import { fold } from '../core/text';
import type { RefreshReport, SegmentView } from '../services/segments/segments';
import type { MemberPage } from '../services/segments/segment-members';

const USAGE = 'crm segment list|show NAME|save NAME --query "QUERY"|refresh [NAME] --workbook PATH [--json]';

async function call<T>(crm: Crm, action: string, input: unknown): Promise<T> {
  const answer = await crm.call(action, input);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data as T;
}

const countOf = (s: SegmentView) => (s.count === '' ? '-' : String(s.count));
const contacts = (n: number | '') => `${n === '' ? 0 : n} contact${n === 1 ? '' : 's'}`;

/** `crm segment list|show|save|refresh`: the segments of a workbook, through the same actions as the
 *  sidebar (names are looked up by the server, accents and case aside). */
export async function segmentCommand(args: Args, target: CrmTarget): Promise<number> {
  // `--static` is a switch; the argument parser may have taken the next word as its value.
  if (typeof args.flags.static === 'string') {
    args.positional.splice(1, 0, args.flags.static);
    args.flags.static = true;
  }
  const [sub, ...names] = args.positional;
  const name = names.join(' ').trim();
  const json = !!args.flags.json;
  switch (sub) {
    case 'list': {
      const { segments } = await call<{ segments: SegmentView[] }>(await openCrm(args, target), 'listSegments', {});
      if (json) console.log(JSON.stringify({ segments }, null, 2));
      else {
        for (const s of segments) console.log([s.name, s.kind, countOf(s), s.refreshed_at || '-', s.view_sheet || '-'].join('\t'));
        console.error(`${segments.length} segments.`);
      }
      return 0;
    }
    case 'show': {
      if (!name) throw new Error(`crm segment show needs the segment's name. Usage: ${USAGE}`);
      const limit = Math.min(1000, intFlag(args, 'limit', 1000)) || 1;
      const s = await call<SegmentView & { members: MemberPage }>(await openCrm(args, target), 'getSegment', { id: name, offset: intFlag(args, 'offset', 0), limit });
      if (json) {
        console.log(JSON.stringify(s, null, 2));
        return 0;
      }
      console.log(`${s.name} (${s.kind})`);
      if (s.description) console.log(`  ${s.description}`);
      if (s.kind === 'dynamic') console.log(`  query: ${s.query}`);
      console.log(`  count: ${countOf(s)}${s.kind === 'dynamic' ? `, refreshed: ${s.refreshed_at || 'never'}` : ''}`);
      if (s.view_sheet) console.log(`  view tab: ${s.view_sheet} (${s.view_columns})`);
      console.log(`  members now: ${s.members.total}`);
      for (const m of s.members.items) console.log([m.id, m.name || '(no name)', m.email || '-', m.membership_status || '-'].join('\t'));
      const shown = s.members.items.length ? `${s.members.offset + 1}–${s.members.offset + s.members.items.length}` : '0';
      if (s.members.items.length < s.members.total) console.error(`${shown} of ${s.members.total} shown (--offset N, --limit N for more).`);
      return 0;
    }
    case 'save': {
      if (!name) throw new Error(`crm segment save needs the segment's name. Usage: ${USAGE}`);
      const crm = await openCrm(args, target);
      const { segments } = await call<{ segments: SegmentView[] }>(crm, 'listSegments', {});
      const existing = segments.find((s) => fold(s.name) === fold(name));
      const viewColumns = flag(args, 'view-columns');
      const saved = await call<SegmentView>(crm, 'saveSegment', {
        id: existing?.id,
        name: existing?.name ?? name,
        kind: args.flags.static ? 'static' : 'dynamic',
        query: flag(args, 'query'),
        description: flag(args, 'description'),
        view_columns: viewColumns,
      });
      if (json) console.log(JSON.stringify(saved, null, 2));
      else {
        console.log(`${existing ? 'Saved' : 'Created'} ${saved.kind} segment "${saved.name}": ${contacts(saved.count)}.`);
        if (saved.view_sheet) console.log(`  view tab: ${saved.view_sheet}`);
      }
      return 0;
    }
    case 'refresh': {
      const report = await call<RefreshReport>(await openCrm(args, target), 'refreshSegments', name ? { id: name } : {});
      if (json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const r of report.refreshed) console.log(`${r.name}\t${r.count}`);
        for (const f of report.failed) console.error(`${f.name}: not refreshed: ${f.message}`);
        console.error(`${report.refreshed.length} segments refreshed${report.failed.length ? `, ${report.failed.length} failed` : ''}.`);
      }
      return report.failed.length ? 1 : 0;
    }
    default:
      throw new Error(`${sub ? `Unknown segment command "${sub}". ` : ''}Usage: ${USAGE}`);
  }
}
