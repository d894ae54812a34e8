import * as z from 'zod/mini';

/** An http(s) address. Not zod's url(): it needs the URL class, which Apps Script does not have. */
export const webAddress = () => z.string().check(z.maxLength(2000), z.regex(/^https?:\/\/[^\s/?#]+(?:[/?#][^\s]*)?$/i));
