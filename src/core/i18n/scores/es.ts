import type { scoresEn } from './en';

export const scoresEs: Record<keyof typeof scoresEn, string> = {
  'error.query_over': '«over:{value}» necesita un importe: escriba over:100 para contar solo las donaciones de más de 100.',
};
