// xz (LZMA2), which systemd-coredump can be built to use: decoded by xz-decompress, the xz-embedded
// C decoder compiled to WebAssembly (MIT), streaming and free of native addons. Its errors are
// xz-embedded's return codes, named here (xz.h, enum xz_ret).

import { XzReadableStream } from 'xz-decompress';
import type { ByteSource } from '../../engine/bytes/byteSource';
import { DumpError } from '../../engine/dumpError';
import { errorMessage } from '../../engine/errorMessage';
import { type Decoded, endsEarly, isPassedOn } from './decoded';
import { inputChunks } from './inputChunks';

const XZ_ERRORS: Record<string, string> = {
  '2': 'uses an integrity check this decoder does not know',
  '3': 'needs more memory than the decoder may use',
  '4': 'needs a larger dictionary than the decoder may use',
  '5': 'is not in the .xz format',
  '6': 'uses options this decoder does not support',
  '7': 'is corrupt',
};
/** XZ_BUF_ERROR: the input stopped before the stream's end. */
const XZ_BUF_ERROR = '8';

export async function* decodeXz(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Decoded> {
  let consumed = 0;
  const input = inputChunks(source, signal);
  const compressed = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await input.next();
      if (next.done === true) return controller.close();
      consumed = next.value.end;
      controller.enqueue(next.value.bytes);
    },
    cancel: () => void input.return(undefined),
  });
  try {
    for await (const bytes of new XzReadableStream(compressed) as unknown as AsyncIterable<Uint8Array>) yield { bytes, consumed };
  } catch (error) {
    if (isPassedOn(error)) throw error;
    const code = /error code (\d+)/.exec(errorMessage(error))?.[1] ?? '';
    if (code === XZ_BUF_ERROR) throw endsEarly(source, 'xz');
    throw new DumpError(source.name, `the xz data ${XZ_ERRORS[code] ?? `could not be decoded (${errorMessage(error)})`}`, consumed);
  }
}
