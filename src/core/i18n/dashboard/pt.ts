import type { dashboardEn } from './en';

export const dashboardPt: Record<keyof typeof dashboardEn, string> = {
};
