// A type as JSON holds it: string enums become the union of their values (JSON has the value
// "fixed", never FieldColorModeId.Fixed); numeric enums already accept their numbers.
export type AsJson<T> = T extends string
  ? `${T}`
  : T extends ReadonlyArray<infer U>
    ? Array<AsJson<U>>
    : T extends object
      ? { [K in keyof T]: AsJson<T[K]> }
      : T;
