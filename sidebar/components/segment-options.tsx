/** The segments as a dropdown's options, by name, after the "none" choice the dropdown names. */
export function SegmentOptions({ segments, none }: { segments: readonly { id: string; name: string }[]; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {segments.map((s) => (
        <option key={s.id} value={s.name}>
          {s.name}
        </option>
      ))}
    </>
  );
}
