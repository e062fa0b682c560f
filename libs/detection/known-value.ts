/** How a value is looked for in free text. */
export type ValueKind = 'name' | 'number' | 'phone' | 'date' | 'phrase' | 'amount' | 'coordinate';

/** A value of a notice's structured fields, with whatever the caller needs to tell them apart. */
export interface KnownValue<T = unknown> {
  kind: ValueKind;
  value: string;
  tag: T;
}

/** Where a value was found: a span of the original text. */
export interface ValueMatch<T = unknown> {
  start: number;
  end: number;
  value: KnownValue<T>;
  /**
   * How much of the value the span shows (characters matched): a longer match of one value
   * that covers a shorter match of another explains it ("Kamal Haddad", granted, covers a
   * withheld "Haddad" of someone else).
   */
  strength: number;
}
