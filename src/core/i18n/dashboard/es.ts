import type { dashboardEn } from './en';

export const dashboardEs: Record<keyof typeof dashboardEn, string> = {
};
