/** Messages of scores (English is the reference; the other languages must have every key). */
export const scoresEn = {
  'error.query_over': '"over:{value}" needs an amount: write over:100 to count only the gifts of more than 100.',
};
