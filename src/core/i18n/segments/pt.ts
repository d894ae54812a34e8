import type { segmentsEn } from './en';

export const segmentsPt: Record<keyof typeof segmentsEn, string> = {
};
