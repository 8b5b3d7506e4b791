// What every crash-lab scenario shares: a random stream from SALVAGE_SEED (mulberry32, so a seed
// names the same crash on every machine) and the warm-up loop that makes the library's functions
// hot enough to be compiled and inlined as they are in a long-running service.
'use strict';
const { createRequire } = require('module');
const path = require('path');

/** Loads a library from the lab's own install (SALVAGE_LAB_MODULES), never from a copy above this folder. */
const lab = createRequire(path.resolve(process.env.SALVAGE_LAB_MODULES ?? 'node_modules', 'lab.js'));

function mulberry32(seed) {
  // Neighbouring seeds start alike in mulberry32: scramble the seed and drop the first draws.
  let a = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < 4; i++) next();
  return next;
}

const random = mulberry32(Number(process.env.SALVAGE_SEED ?? '1'));

/** An integer in [low, high]. */
function between(low, high) {
  return low + Math.floor(random() * (high - low + 1));
}

/** One of `choices`. */
function pick(choices) {
  return choices[Math.floor(random() * choices.length)];
}

/** Runs `work(i)` `times` times: long enough for the optimizing tiers to take the hot functions. */
function warm(times, work) {
  let sink = 0;
  for (let i = 0; i < times; i++) sink += work(i) === undefined ? 0 : 1;
  return sink;
}

module.exports = { between, lab, pick, warm };
