import { RFM_SEGMENTS } from '../../core/query/tree';
import type { Workbook } from '../../store/workbook';
import type { RfmGroupCount } from './dashboard';
import { rfmGroups } from './scores';

/** The RFM groups that hold at least one donor, best first (the order of RFM_SEGMENTS, champions to
 *  lost), each with the query that opens its donors. */
export function dashboardRfm(workbook: Workbook): RfmGroupCount[] {
  const groups = rfmGroups(workbook);
  return RFM_SEGMENTS.filter((group) => groups[group] > 0).map((group) => ({ group, contacts: { value: groups[group], query: `rfm.segment:${group}` } }));
}
