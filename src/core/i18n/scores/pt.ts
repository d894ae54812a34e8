import type { scoresEn } from './en';

export const scoresPt: Record<keyof typeof scoresEn, string> = {
};
