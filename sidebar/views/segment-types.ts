/** What the segment actions answer (src/api/segment-actions.ts), as the sidebar reads it. */
import type { QueryPage } from '../../src/services/query/query';
import type { SegmentView } from '../../src/services/segments/segments';
import type { MemberPage } from '../../src/services/segments/segment-members';

export type { SegmentView };

/** A page of the contacts a query or a segment selects. */
export type QueryPreview = QueryPage;

export interface SegmentDetail extends SegmentView {
  members: MemberPage;
}
