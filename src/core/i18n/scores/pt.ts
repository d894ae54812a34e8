import type { scoresEn } from './en';

export const scoresPt: Record<keyof typeof scoresEn, string> = {
  'error.query_over': '“over:{value}” precisa de um valor: escreva over:100 para contar só as doações de mais de 100.',
};
