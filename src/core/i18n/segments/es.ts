import type { segmentsEn } from './en';

export const segmentsEs: Record<keyof typeof segmentsEn, string> = {
};
