import type { dashboardEn } from './en';

export const dashboardFr: Record<keyof typeof dashboardEn, string> = {
};
