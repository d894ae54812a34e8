/** Papaparse's browser build: the same parser as 'papaparse' without the Node stream support, whose
 *  `require('stream')` the Apps Script bundle (esbuild, platform neutral) cannot resolve. */
declare module 'papaparse/papaparse.min.js' {
  import Papa from 'papaparse';
  export default Papa;
}
