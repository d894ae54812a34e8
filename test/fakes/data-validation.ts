/** SpreadsheetApp.newDataValidation(), as far as the CRM uses it: a list of values, shown as a dropdown,
 *  strict or not. Strict like Google: a rule must be built before it is set, and a list needs values. */
import { FakeContext, gasError } from './context';

export class DataValidation {
  constructor(
    readonly values: string[],
    readonly showDropdown: boolean,
    readonly allowInvalid: boolean,
  ) {}
  getCriteriaType(): string {
    return 'VALUE_IN_LIST';
  }
  getCriteriaValues(): unknown[] {
    return [this.values.slice(), this.showDropdown];
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
}

export function newDataValidation(ctx: FakeContext) {
  let values: string[] | null = null;
  let dropdown = true;
  let allowInvalid = true;
  const builder = {
    requireValueInList(list: unknown, showDropdown?: boolean) {
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))
        throw gasError(ctx, "The parameters don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.");
      values = list.slice();
      dropdown = showDropdown !== false;
      return builder;
    },
    setAllowInvalid(allow: boolean) {
      allowInvalid = !!allow;
      return builder;
    },
    setHelpText() {
      return builder;
    },
    build() {
      if (!values || values.length === 0) throw gasError(ctx, 'The data validation rule has no criteria.');
      return new DataValidation(values, dropdown, allowInvalid);
    },
  };
  return builder;
}
