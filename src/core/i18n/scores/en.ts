/** Messages of scores (English is the reference; the other languages must have every key). */
export const scoresEn = {
};
