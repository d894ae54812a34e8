import { existsSync, readFileSync } from 'node:fs';
import { CrmTarget, Crm, openCrm } from './open-crm';
import { flag, Args } from './args';

/** `crm template save NAME --subject TEXT --body-file FILE [--language L] [--description D]`,
 *  `crm template list|show NAME [--language L]`: the Templates sheet, as the sidebar writes it. */
export async function templateCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const [sub = 'list', name] = args.positional;
  const run = runner(crm);
  if (sub === 'list') {
    const data = (await run('listTemplates', {})) as { templates: { name: string; languages: string[]; subject: string }[] };
    if (args.flags.json) console.log(JSON.stringify(data, null, 2));
    else for (const t of data.templates) console.log([t.name, t.languages.join(','), t.subject].join('\t'));
    return 0;
  }
  if (!name) throw new Error(`crm template ${sub} needs the template's name`);
  if (sub === 'show') {
    const data = (await run('getTemplate', { name, language: flag(args, 'language') ?? '' })) as { subject: string; body: string; language: string };
    if (args.flags.json) console.log(JSON.stringify(data, null, 2));
    else console.log(`Subject: ${data.subject}\nLanguage: ${data.language || '—'}\n\n${data.body}`);
    return 0;
  }
  if (sub === 'save') {
    const file = flag(args, 'body-file');
    if (!file) throw new Error('crm template save needs --body-file FILE (the body as plain text: a blank line between paragraphs, **bold**, [words](https://…), {{placeholders}})');
    if (!existsSync(file)) throw new Error(`${file} does not exist`);
    const data = await run('saveTemplate', {
      name,
      subject: flag(args, 'subject') ?? '',
      body: readFileSync(file, 'utf8'),
      language: flag(args, 'language') ?? '',
      ...(flag(args, 'description') ? { description: flag(args, 'description') } : {}),
    });
    console.log(args.flags.json ? JSON.stringify(data, null, 2) : `Saved "${name}"${flag(args, 'language') ? ` (${flag(args, 'language')})` : ''}.`);
    return 0;
  }
  throw new Error(`Unknown template command "${sub}": use list, show or save`);
}

/** `crm mail send (--segment NAME | --query "Q") --template NAME [--kind newsletter|members] [--name N]
 *  [--limit N] [--dry-run] [--json]`, `crm mail continue [--limit N] [--json]`: a mail merge, sent
 *  within the day's quota (Settings mail_daily_quota), the rest by `continue` (the nightly run's);
 *  `crm mail list [--json]` the mailings and their progress; `crm mail cancel ID` the rest of one. */
export async function mailCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const [sub = 'send'] = args.positional;
  const run = runner(crm);
  const limit = flag(args, 'limit');
  const limited = limit !== undefined ? { limit: Number(limit) } : {};
  if (limit !== undefined && !/^\d+$/.test(limit)) throw new Error(`--limit must be a whole number, got "${limit}"`);
  if (sub === 'continue') {
    const data = await run('continueMailings', limited);
    console.log(JSON.stringify(args.flags.json ? data : (data as { mailings: unknown[] }).mailings, null, 2));
    return 0;
  }
  if (sub === 'list') {
    const data = (await run('listMailings', {})) as { mailings: { mailing: string; name: string; status: string; sent: number; recipients: number; queued: number }[] };
    console.log(args.flags.json ? JSON.stringify(data, null, 2) : data.mailings.map((m) => `${m.mailing}\t${m.status}\t${m.sent}/${m.recipients} sent, ${m.queued} queued\t${m.name}`).join('\n'));
    return 0;
  }
  if (sub === 'cancel') {
    const id = args.positional[1];
    if (!id) throw new Error('crm mail cancel needs the mailing id (crm mail list shows them)');
    console.log(JSON.stringify(await run('cancelMailing', { id }), null, 2));
    return 0;
  }
  if (sub !== 'send') throw new Error(`Unknown mail command "${sub}": use send, continue, list or cancel`);
  const template = flag(args, 'template');
  if (!template) throw new Error('crm mail send needs --template NAME');
  const kind = flag(args, 'kind') ?? 'newsletter';
  if (kind !== 'newsletter' && kind !== 'members') throw new Error('--kind is newsletter (needs consent) or members (a members’ mailing)');
  const audience = flag(args, 'segment') !== undefined ? { segment: flag(args, 'segment') } : flag(args, 'query') !== undefined ? { query: flag(args, 'query') } : null;
  if (!audience) throw new Error('crm mail send needs --segment NAME or --query "QUERY"');
  const data = args.flags['dry-run']
    ? await run('previewMailing', { template, kind, ...audience })
    : await run('sendMailing', { template, kind, ...audience, ...limited, ...(flag(args, 'name') ? { name: flag(args, 'name') } : {}) });
  console.log(JSON.stringify(data, null, 2));
  return 0;
}

function runner(crm: Crm) {
  return async (action: string, input: unknown) => {
    const answer = await crm.call(action, input);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };
}
