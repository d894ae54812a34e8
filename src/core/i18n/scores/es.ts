import type { scoresEn } from './en';

export const scoresEs: Record<keyof typeof scoresEn, string> = {
};
