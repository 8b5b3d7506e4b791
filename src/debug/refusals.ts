// Everything a postmortem session cannot do, answered in one place. A dump is a process frozen at
// the moment it died: it cannot run, and nothing in it may be changed. @vscode/debugadapter's
// default handlers answer these requests with silent success, which would leave the UI believing
// the process resumed; each one gets an error with a message the user sees instead.

const NOT_RUNNING = 'is not possible: this session is a dump of a process that has already ended, so it cannot run.';
const READ_ONLY = 'is not possible: Salvage never changes a dump.';

/** DAP command → the user-facing sentence for refusing it. */
export const REFUSED_REQUESTS: ReadonlyMap<string, string> = new Map([
  ['continue', `Continue ${NOT_RUNNING}`],
  ['next', `Step over ${NOT_RUNNING}`],
  ['stepIn', `Step into ${NOT_RUNNING}`],
  ['stepOut', `Step out ${NOT_RUNNING}`],
  ['stepBack', `Step back ${NOT_RUNNING}`],
  ['reverseContinue', `Reverse continue ${NOT_RUNNING}`],
  ['pause', `Pause ${NOT_RUNNING} (it is already stopped where it died)`],
  ['restartFrame', `Restart frame ${NOT_RUNNING}`],
  ['goto', `Jump to location ${NOT_RUNNING}`],
  ['restart', `Restart ${NOT_RUNNING}`],
  ['terminateThreads', `Terminating threads ${NOT_RUNNING}`],
  ['setVariable', `Setting a variable ${READ_ONLY}`],
  ['setExpression', `Setting an expression ${READ_ONLY}`],
  ['writeMemory', `Writing memory ${READ_ONLY}`],
  ['setDataBreakpoints', `Data breakpoints ${NOT_RUNNING}`],
  ['setInstructionBreakpoints', `Instruction breakpoints ${NOT_RUNNING}`],
]);

/** Shown on every breakpoint, which stays unverified: the process will never reach it. */
export const BREAKPOINT_MESSAGE = 'Breakpoints never hit in a dump: the process has already ended.';

/** Error ids of the adapter's responses (DAP `Message.id`), one per kind of failure. */
export const enum ErrorId {
  Refused = 2001,
  OpenFailed = 2002,
  UnknownReference = 2003,
  EvaluateFailed = 2004,
}
