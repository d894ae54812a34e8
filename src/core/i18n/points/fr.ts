import type { pointsEn } from './en';

export const pointsFr: Record<keyof typeof pointsEn, string> = {
};
