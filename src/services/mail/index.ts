/** What the web app's entry points call of email (src/gas/web.ts): in Apps Script, a project file of
 *  its own (scripts/build.mjs, FEATURES). */
export { unsubscribe, unsubscribeAnswer } from './unsubscribe';
export { crmLanguage } from '../intake/intake-language';
