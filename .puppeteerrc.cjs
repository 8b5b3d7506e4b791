// @memlab/core (a dev dependency, the heap benchmark's peer and the tests' oracle) depends on
// puppeteer, whose install script downloads Chrome. Salvage never drives a browser through it, and
// the machines it is built on cannot reach that download: skip it.
module.exports = { skipDownload: true };
