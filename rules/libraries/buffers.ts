import { definePropagators } from '../define.js';

/**
 * Buffers, streams and file uploads: the bytes are the data.
 * - Buffer: https://nodejs.org/api/buffer.html#static-method-bufferfromstring-encoding
 * - stream.Readable.from: https://nodejs.org/api/stream.html#streamreadablefromiterable-options
 * - grammY InputFile: https://grammy.dev/ref/core/inputfile
 * - Telegraf Input: https://telegraf.js.org/modules/Input.html
 */
export default definePropagators([
  { function: 'from', module: ['node', 'buffer'], from: ['arg0'] },
  { function: 'Buffer.from', module: ['node', 'buffer'], from: ['arg0'] },
  { function: 'BufferConstructor.from', module: ['node', 'buffer'], from: ['arg0'] },
  { function: 'Buffer.toString', module: ['node', 'buffer'], from: ['this'] },
  { function: 'Readable.from', module: ['node', 'stream'], from: ['arg0'] },
  { function: 'InputFile', module: 'grammy', from: ['arg0'] },
  ...['fromBuffer', 'fromReadableStream', 'fromLocalFile'].map((fn) => ({ function: fn, module: 'telegraf', from: ['arg0'] })),
]);
