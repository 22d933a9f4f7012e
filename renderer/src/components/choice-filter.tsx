/** A labelled select of one filter: "any" (undefined) or one of `choices`. */
export function ChoiceFilter<T extends string>({
  label,
  any,
  value,
  choices,
  onChange,
}: {
  label: string;
  /** The text of the "no filter" option. */
  any: string;
  value: T | undefined;
  choices: readonly { value: T; label: string }[];
  onChange: (value: T | undefined) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as T | undefined)}>
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
