import type { pointsEn } from './en';

export const pointsEs: Record<keyof typeof pointsEn, string> = {
};
