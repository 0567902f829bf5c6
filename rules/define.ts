import type { HttpCarrierSpec, PlatformModel, PropagatorSpec, SanitizerSpec, SourcesSpec } from '../src/policy/types.js';

/** Identity helpers: they only give a model file its type, so mistakes show up at compile time. */
export const definePlatform = (model: PlatformModel): PlatformModel => model;
export const defineSources = (sources: Required<SourcesSpec>): Required<SourcesSpec> => sources;
export const defineCarriers = (carriers: HttpCarrierSpec[]): HttpCarrierSpec[] => carriers;
export const definePropagators = (propagators: PropagatorSpec[]): PropagatorSpec[] => propagators;
export const defineSanitizers = (sanitizers: SanitizerSpec[]): SanitizerSpec[] => sanitizers;
