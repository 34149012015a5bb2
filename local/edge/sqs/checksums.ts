// The MD5 digests SQS returns with messages. The SDK checks MD5OfMessageBody on SendMessage and
// ReceiveMessage, so they must be exact; the attribute digest follows the algorithm AWS documents
// ("Calculating the MD5 message digest for message attributes"): attributes sorted by name, each as
// length-prefixed name, length-prefixed data type, a transport byte (1 string, 2 binary), length-prefixed value.
import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from './queue-store';

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export function md5OfMessageAttributes(attributes: Record<string, MessageAttributeValue>): string {
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name]!;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(value.DataType, 'utf8'));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      lengthPrefixed(Buffer.from(value.BinaryValue, 'base64'));
    } else {
      hash.update(Buffer.from([1]));
      lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
