/** What the segment actions answer (src/api/segment-actions.ts), as the sidebar reads it. */
export interface SegmentView {
  id: string;
  name: string;
  kind: 'static' | 'dynamic';
  query: string;
  description: string;
  count: number | '';
  refreshed_at: string;
  view_columns: string;
  view_sheet: string;
  owner: string;
}

export interface SegmentMember {
  id: string;
  name: string;
  email: string;
  membership_status: string;
}

/** A page of the contacts a query or a segment selects. */
export interface QueryPreview {
  total: number;
  offset: number;
  items: SegmentMember[];
}

export interface SegmentDetail extends SegmentView {
  members: QueryPreview;
}
