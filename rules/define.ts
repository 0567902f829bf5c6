import type { HttpCarrierSpec, PlatformModel, PropagatorSpec, SanitizerSpec, SdkTypesSpec, SourceCallSpec, SourcesSpec } from '../src/policy/types.js';

/** Identity helpers: they only give a model file its type, so mistakes show up at compile time. */
export const definePlatform = (model: PlatformModel): PlatformModel => model;
type BuiltInSources = Required<Pick<SourcesSpec, 'types' | 'fields' | 'names' | 'evidence' | 'modifiers' | 'schemaLibraries'>> & {
  beside: Required<NonNullable<SourcesSpec['beside']>>;
  exclude: Required<NonNullable<SourcesSpec['exclude']>>;
};
export const defineSources = (sources: BuiltInSources): BuiltInSources => sources;
/** One bank-integration SDK: its financial types, and its calls that return untyped bank data. */
export interface SdkModel extends SdkTypesSpec {
  sdk: string;
  docs: string;
  calls?: SourceCallSpec[];
}
export const defineSdk = (model: SdkModel): SdkModel => model;
export const defineCarriers = (carriers: HttpCarrierSpec[]): HttpCarrierSpec[] => carriers;
export const definePropagators = (propagators: PropagatorSpec[]): PropagatorSpec[] => propagators;
export const defineSanitizers = (sanitizers: SanitizerSpec[]): SanitizerSpec[] => sanitizers;
