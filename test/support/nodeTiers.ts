// The tier flags of each official Node version, shared by the JS-frame matrix and the crash lab
// (bench/jsframes): which ways of running JavaScript a version offers, as its V8 spells them.

import type { NodeMajor } from './nodeBinaries';

export type Tier = 'default' | 'sparkplug' | 'turbofan' | 'maglev' | 'turbolev';

/**
 * Tier flags as each version spells them (--always-opt was renamed --always-turbofan in V8 10.7, and
 * V8 14 dropped it: on Node 26 Turbofan code comes from hot code and the natives-syntax fixtures;
 * its new Turbolev pipeline, Maglev's graph compiled by Turboshaft, is a tier of its own). Maglev has
 * flags for Node 24 and 26 only: V8 10.2 rejects --maglev, and the official Node 20 and 22 binaries
 * accept it but print "Maglev is not enabled." and run nothing in it.
 */
export const TIER_FLAGS: Record<Tier, Partial<Record<NodeMajor, string[]>>> = {
  default: { 18: [], 20: [], 22: [], 24: [], 26: [] },
  sparkplug: { 18: ['--always-sparkplug'], 20: ['--always-sparkplug'], 22: ['--always-sparkplug'], 24: ['--always-sparkplug'], 26: ['--always-sparkplug'] },
  turbofan: { 18: ['--always-opt'], 20: ['--always-turbofan'], 22: ['--always-turbofan'], 24: ['--always-turbofan'] },
  maglev: { 24: ['--maglev'], 26: ['--maglev'] },
  turbolev: { 26: ['--turbolev'] },
};

/** The tiers `major` offers, in TIER_FLAGS order. */
export function tiersOf(major: NodeMajor): Tier[] {
  return (Object.keys(TIER_FLAGS) as Tier[]).filter((t) => TIER_FLAGS[t][major] !== undefined);
}
