import type { pointsEn } from './en';

export const pointsPt: Record<keyof typeof pointsEn, string> = {
};
