import type { segmentsEn } from './en';

export const segmentsFr: Record<keyof typeof segmentsEn, string> = {
};
