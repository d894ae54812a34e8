import type { scoresEn } from './en';

export const scoresFr: Record<keyof typeof scoresEn, string> = {
  'error.query_over': '« over:{value} » attend un montant : écrivez over:100 pour ne compter que les dons de plus de 100.',
};
