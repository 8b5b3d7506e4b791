// What a tag is: a word (letters, digits and _ . : / -, up to 64), shown as a #badge and typed after
// `--tag`. Checked the same way wherever tags are typed (the CLI, the Tag… command).

const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_.:/-]{0,63}$/u;

/** Why `tag` is not a tag, or undefined when it is one. */
export function tagProblem(tag: string): string | undefined {
  return TAG.test(tag) ? undefined : `"${tag}" is not a tag: a word of letters, digits and _ . : / - (up to 64)`;
}

/** The tags in a line typed by a person ("flaky #p1, oom"): each once, without '#'; or why one is not a tag. */
export function parseTags(text: string): string[] | string {
  const tags = [
    ...new Set(
      text
        .split(/[\s,]+/)
        .filter((t) => t !== '')
        .map((t) => t.replace(/^#/, '')),
    ),
  ];
  for (const t of tags) {
    const problem = tagProblem(t);
    if (problem !== undefined) return problem;
  }
  return tags;
}
