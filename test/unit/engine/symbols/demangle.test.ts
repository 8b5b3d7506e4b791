// The Itanium C++ demangler against GNU c++filt, run here as the oracle: a table of hand-picked
// names covering each part of the grammar, then a large sample of real names from the node binary.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { demangle } from '../../../../src/engine/symbols/demangle';

function cxxfilt(names: string[]): string[] {
  const out = spawnSync('c++filt', [], { input: `${names.join('\n')}\n`, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }).stdout;
  return out.replace(/\n$/, '').split('\n');
}

/** Each names one feature; the expected text is whatever c++filt prints for it. */
const TABLE = [
  '_ZN3foo3barEv', '_ZNK3foo3barEv', '_Z1fPKc', '_Z1fPVKi', '_Z1fKPc', '_Z1fRA3_i', '_Z1fPA3_A4_i',
  '_Z1fPFviE', '_Z1fPFPFivEiE', '_Z1fM1AFviE', '_Z1fM1AKFviE', '_Z1fM1Ai', '_Z1fRKPFvvE',
  '_Z1fIiEvT_', '_Z1fIiEPFivEv', '_Z1fILi5EEvv', '_Z1fILin5EEvv', '_Z1fILj5EEvv', '_Z1fILm5EEvv', '_Z1fILc65EEvv', '_Z1fILb1EEvv',
  '_Z1fIJiiEEvDpT_', '_Z1fIJicEEvDpRKT_', '_Z1fIJEEvv', '_Z1fIiJEEvv', '_Z1fIRiEvOT_',
  '_Z1fIiEDTcl1gfp_EET_', '_Z1fIiEDTplfp_Li1EET_', '_Z1fIiEDTcvT_fp_ET_', '_Z1fIiEDTdtfp_1xET_', '_Z1fIiEDTstT_ET_',
  '_ZZ1fvEs', '_ZZ1fvE1x_0', '_ZZ1fvENKUlvE_clEv', '_ZZ1fvENKUliE0_clEi', '_ZZ1fvENKUlT_E_clIiEEDaS_', '_ZN1fUt_E',
  '_ZNSsC1Ev', '_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEC1Ev', '_ZNKSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE4sizeEv',
  '_ZSt4endlIcSt11char_traitsIcEERSt13basic_ostreamIT_T0_ES6_', '_Z1fSs', '_ZNSi3getEv',
  '_Z3foov.constprop.0.isra.0', '_Z3foov.cold', '_ZN1AcviEv', '_ZN1AcvT_IiEEv', '_ZN1AaSEOS_', '_ZN1AixEi', '_ZN1AssERKS_', '_ZnwmPv',
  '_Z1fDn', '_Z1fU3fooi', '_Z1fDv4_f', '_Z1fDF16_', '_Z1fz', '_ZN1A1fB5cxx11Ev', '_ZNKR1A1fEv', '_ZNKO1A1fEv', '_Z1fPDoFvvE',
  '_ZTV1A', '_ZTI1A', '_ZTS1A', '_ZThn8_N1A1fEv', '_ZTv0_n24_N1A1fEv', '_ZGVZ1fvE1x', '_ZTCN1A1BE0_N1C1DE', '_ZTWN1A1xE',
  '_ZN2v88internal12_GLOBAL__N_16InvokeEPNS0_7IsolateERKNS1_12InvokeParamsE',
  '_ZZN4node23WorkerThreadsTaskRunner20DelayedTaskScheduler5StartEvENUlPvE_4_FUNES2_',
  '_ZN4node12_GLOBAL__N_1L20PlatformWorkerThreadEPv', '_Z1fIXadL_ZN1A1gEvEEEvv', '_Z1fIXadL_Z1gvEEEvv',
  'main', '_start', 'Builtins_JSEntry', '_Z', '_ZN', '_Z1fPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPi',
];

suite('Itanium C++ demangler, against c++filt', () => {
  test('a table covering the grammar prints exactly what c++filt prints', () => {
    const expected = cxxfilt(TABLE);
    TABLE.forEach((name, i) => assert.strictEqual(demangle(name), expected[i], name));
  });

  test('at least 99.9 % of the mangled names of the node binary print exactly as with c++filt', () => {
    const out = spawnSync('readelf', ['-sW', process.execPath], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).stdout;
    const names = [...new Set([...out.matchAll(/ (_Z\S+)$/gm)].map((m) => m[1].replace(/@.*$/, '')))];
    assert.ok(names.length > 20_000, `${names.length} names`);
    const expected = cxxfilt(names);
    const wrong = names.filter((n, i) => demangle(n) !== expected[i]);
    assert.ok(wrong.length / names.length < 0.001, `${wrong.length} of ${names.length} differ, e.g.\n${wrong.slice(0, 5).join('\n')}`);
  });

  test('without parameters: the qualified name gdb shows for a function it knows from DWARF', () => {
    assert.strictEqual(demangle('_ZN4node5StartEiPPc', { parameters: false }), 'node::Start');
    assert.strictEqual(demangle('_ZNK2v88internal6Object8ToStringEv', { parameters: false }), 'v8::internal::Object::ToString');
    assert.strictEqual(demangle('__GI___libc_read', { parameters: false }), '__GI___libc_read');
  });
});
