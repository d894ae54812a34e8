import type { scoresEn } from './en';

export const scoresFr: Record<keyof typeof scoresEn, string> = {
};
