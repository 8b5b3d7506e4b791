// The custom DAP request behind the heap viewer's "Show in Debug Variables": the extension asks
// the snapshot's session to pin an object (by V8 id) into a "Pinned" scope. A plain constant, so
// the extension can share it without importing the adapter.

export const PIN_OBJECT_REQUEST = 'salvage/pinHeapObject';

export interface PinObjectArguments {
  id: number;
}
