/** `crm COMMAND [positional…] [--flag value] [--switch]`: small enough not to need a library. */
export interface Args {
  command: string;
  positional: string[];
  flags: Record<string, string | true>;
}

const SWITCHES = new Set(['json', 'help', 'dry-run', 'undo', 'history', 'demo-none', 'members', 'non-members']);

export function parseArgs(argv: string[]): Args {
  const [command = 'help', ...rest] = argv;
  const positional: string[] = [];
  // No prototype: a flag named --constructor or --__proto__ is a flag like any other.
  const flags: Record<string, string | true> = Object.create(null);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) flags[name] = inline;
    else if (SWITCHES.has(name) || i + 1 >= rest.length || rest[i + 1].startsWith('--')) flags[name] = true;
    else flags[name] = rest[++i];
  }
  return { command, positional, flags };
}

export function flag(args: Args, name: string, fallback?: string): string | undefined {
  const value = args.flags[name];
  if (value === true) throw new Error(`--${name} needs a value`);
  return value ?? fallback;
}

export function intFlag(args: Args, name: string, fallback: number): number {
  const raw = flag(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return n;
}
