/** Messages of points (English is the reference; the other languages must have every key). */
export const pointsEn = {
  'points.no_id': 'is empty: the log knows a rule by its id. Type one no other rule has (e.g. trp_renewal_call)',
  'points.duplicate_id': '"{value}" is the id of a rule above too (a copied row?): give this rule an id of its own',
  'points.tag_required': "is required: the name of the tag to add or remove",
  'points.note_required': 'is required: the text of the note',
  'points.bad_days': '"{value}" is not a number of days: write a whole number from 0 (today) to {max}, or leave it empty for today',
  'points.no_segment': 'there is no segment called "{name}" (see the Segments sheet)',
  'points.bad_query': 'the query of the segment "{name}" does not read at character {position}: {message}',
  'points.segment_fails': 'the segment "{name}" cannot be worked out: {problem}',
  'points.contacts_failed': 'The rule could not act on {count} contact(s), it will try again at the next run: {reason}',
  'points.no_rule': 'There is no trigger point "{rule}" (see the TriggerPoints sheet).',
};
