import { CrmTarget, openCrm } from './open-crm';
import { flag, Args } from './args';
import { readRole } from '../core/roles';
import type { StaffView } from '../services/staff/staff-admin';

/** `crm staff list|add EMAIL --role R [--name N]|set-role EMAIL R|deactivate EMAIL --workbook PATH [--json]`:
 *  who may use the CRM, as the sidebar's Staff tab does it (admins only; never the last active admin).
 *  Roles may be written in the four languages (lecteur, editor, administrador…). */
export async function staffCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const [sub = 'list', email, roleText] = args.positional;
  const role = (text: string | undefined) => {
    const read = readRole(text ?? '');
    if (!read) throw new Error(`"${text ?? ''}" is not a role: use admin, editor or viewer (or administrateur, éditeur, lecteur…)`);
    return read;
  };
  const need = (what: string | undefined) => {
    if (!what) throw new Error(`crm staff ${sub} needs an email address`);
    return what;
  };
  const run = async (action: string, input: unknown) => {
    const answer = await crm.call(action, input);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };
  let shown: StaffView[];
  switch (sub) {
    case 'list':
      shown = ((await run('listStaff', {})) as { staff: StaffView[] }).staff;
      break;
    case 'add':
      shown = [(await run('addStaff', { email: need(email), role: role(flag(args, 'role') ?? roleText), ...(flag(args, 'name') ? { name: flag(args, 'name') } : {}) })) as StaffView];
      break;
    case 'set-role':
      shown = [(await run('setStaffRole', { email: need(email), role: role(roleText ?? flag(args, 'role')) })) as StaffView];
      break;
    case 'deactivate':
      shown = [(await run('deactivateStaff', { email: need(email) })) as StaffView];
      break;
    default:
      throw new Error(`Unknown staff command "${sub}": use list, add, set-role or deactivate`);
  }
  if (args.flags.json) {
    console.log(JSON.stringify(sub === 'list' ? { staff: shown } : shown[0], null, 2));
    return 0;
  }
  for (const s of shown) {
    const role = s.role || `no role ("${s.typed_role}" grants nothing)`;
    console.log([s.email, role, s.active ? 'active' : 'inactive', s.name].filter(Boolean).join('\t'));
  }
  return 0;
}
