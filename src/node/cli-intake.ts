import { CrmTarget, openCrm } from './open-crm';
import { flag, Args } from './args';
import type { InboxPage } from '../services/intake/inbox-list';

/** `crm intake token|kofi-token|paypal|stripe|inbox|retry|apply --workbook PATH [--json]`: the web app's intake, as
 *  an admin sets it up: the token senders put in the address (`--rotate` makes a new one, and the old
 *  one stops working), Ko-fi's verification token, the Inbox, a failed delivery queued again, and the
 *  queue applied now. Admins only, as --user. */
export async function intakeCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const [sub = 'token', id] = args.positional;
  const run = async (action: string, input: unknown) => {
    const answer = await crm.call(action, input);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data as Record<string, unknown>;
  };
  const print = (data: Record<string, unknown>, text: string) => console.log(args.flags.json ? JSON.stringify(data, null, 2) : text);
  switch (sub) {
    case 'token': {
      const data = args.flags.rotate ? await run('rotateIntakeToken', {}) : await run('intakeSettings', {});
      print({ token: data.token }, String(data.token));
      if (!args.flags.json) console.error('Senders post to …/exec?source=helloasso|kofi|form&token=<this token>.');
      return 0;
    }
    case 'kofi-token': {
      const value = flag(args, 'set');
      if (value === undefined) throw new Error('crm intake kofi-token needs --set TOKEN (Ko-fi › Webhooks › Advanced › Verification Token), or --set "" to remove it');
      const data = await run('setKoFiToken', { token: value });
      print(data, data.kofi_token_set ? "Ko-fi's verification token is set." : "Ko-fi's verification token is removed: Ko-fi deliveries fail until it is set.");
      return 0;
    }
    case 'paypal': {
      const input: { sandbox?: boolean; verify_url?: string } = {};
      if (args.flags.sandbox) input.sandbox = true;
      if (args.flags.live) input.sandbox = false;
      const url = flag(args, 'verify-url');
      if (url !== undefined) input.verify_url = url;
      if (!Object.keys(input).length) throw new Error('crm intake paypal needs --sandbox, --live or --verify-url URL');
      const data = await run('setPayPalChecking', input);
      print(data, data.sandbox ? "PayPal's sandbox (test) messages are taken, checked with the sandbox." : 'Only real PayPal payments are taken.');
      return 0;
    }
    case 'stripe': {
      const key = flag(args, 'key');
      if (key !== undefined) {
        const api = flag(args, 'api');
        const data = await run('setStripeKey', { key, ...(api !== undefined ? { api_url: api } : {}) });
        print(data, data.connected ? `Stripe accepted the key (${String(data.key)}): payments from now on are asked for every hour.` : 'Stripe is disconnected.');
        return 0;
      }
      const data = await run('askStripe', {});
      print(data, data.asked ? `${data.queued} new payment(s) from Stripe queued.` : 'Stripe is not connected: crm intake stripe --key rk_live_…');
      return 0;
    }
    case 'inbox': {
      const page = (await run('inbox', { status: flag(args, 'status') ?? '', limit: Math.min(200, Number(flag(args, 'limit') ?? 50) || 50) })) as unknown as InboxPage;
      if (args.flags.json) {
        console.log(JSON.stringify(page, null, 2));
        return 0;
      }
      for (const item of page.items) console.log([item.id, item.received_at, item.source, item.status, item.error || item.result].join('\t'));
      console.error(
        Object.entries(page.counts)
          .map(([status, n]) => `${n} ${status}`)
          .join(', '),
      );
      return 0;
    }
    case 'retry': {
      if (!id) throw new Error('crm intake retry needs the id of a failed delivery (crm intake inbox --status failed)');
      print(await run('retryDelivery', { id }), `${id} is queued again.`);
      return 0;
    }
    case 'apply': {
      const data = await run('applyInbox', {});
      print(
        data,
        Object.entries(data)
          .map(([what, n]) => `${n} ${what}`)
          .join(', '),
      );
      return 0;
    }
    default:
      throw new Error(`Unknown intake command "${sub}": use token, kofi-token, paypal, stripe, inbox, retry or apply`);
  }
}
