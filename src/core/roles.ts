import { ROLES } from './schema/tables';
import { fold } from './text';

export type Role = (typeof ROLES)[number];

/** What people type into Staff.role, in the four languages, folded (lower case, no accents). Anything
 *  not listed is no role at all: a typo never grants anything, and never the highest role. */
const ROLE_WORDS: Record<string, Role> = {
  viewer: 'viewer',
  reader: 'viewer',
  'read only': 'viewer',
  'read-only': 'viewer',
  lecteur: 'viewer',
  lectrice: 'viewer',
  'lecture seule': 'viewer',
  lector: 'viewer',
  lectora: 'viewer',
  'solo lectura': 'viewer',
  leitor: 'viewer',
  leitora: 'viewer',
  'somente leitura': 'viewer',
  'so leitura': 'viewer',
  editor: 'editor',
  editora: 'editor',
  editeur: 'editor',
  editrice: 'editor',
  admin: 'admin',
  administrator: 'admin',
  administrateur: 'admin',
  administratrice: 'admin',
  administrador: 'admin',
  administradora: 'admin',
};

/** The role a Staff cell means, or null when it means none we know: 'Viewer ', 'LECTEUR', 'éditeur',
 *  'Administrador' are understood; 'superuser', 'owner' or '' are not. */
export function readRole(cell: unknown): Role | null {
  if (typeof cell !== 'string') return null;
  const word = fold(cell).trim().replace(/\s+/g, ' ');
  return Object.prototype.hasOwnProperty.call(ROLE_WORDS, word) ? ROLE_WORDS[word] : null;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Whether `role` may do what needs `needed`. An unknown role (null) may do nothing. */
export function roleAllows(role: Role | null, needed: Role): boolean {
  return role !== null && RANK[role] >= RANK[needed];
}
