// What a caught value says, for a one-line message: an Error's message, anything else as text (a
// rejected promise may carry any value).

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
