/**
 * A value as the domain packages hold it (every array and property readonly), seen as the API contract's
 * type of it. The contract's static types are mutable; the domain's values are immutable. This is the
 * one place that bridges the two, and it still checks the shape: a value whose fields do not fit the
 * contract's type, deeply, does not compile.
 */
export type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/** The contract's type of an immutable domain value (no copy is made; the answer is only serialized). */
export function asContract<T>(value: DeepReadonly<T>): T {
  return value as T;
}
