import type { CryptoKey } from 'jose';
import { AccordError, errorMessage } from '../errors/index.js';
import { v1 } from '../proto/index.js';
import { inspectDetached, VIEW_TYP, verifyDetached } from '../signing/index.js';

export interface BusVerificationKey {
  kid: string;
  key: CryptoKey;
}

function invalid(what: string, cause?: unknown): AccordError {
  return new AccordError('E_VIEW_INVALID', `view refused: ${what}`, cause === undefined ? {} : { cause });
}

/**
 * Checks a delivered view before anything in it is believed: its shape, the bus's
 * signature over its exact bytes, and that it is addressed to this recipient.
 */
export async function verifySignedView(bytes: Uint8Array, bus: BusVerificationKey, recipient: string): Promise<v1.DeliveredView> {
  let signed: v1.SignedView;
  try {
    signed = v1.SignedView.decode(bytes);
  } catch (error) {
    throw invalid('not an accord.v1.SignedView', error);
  }
  if (signed.format !== 1) throw invalid(`format ${signed.format} is not supported`);
  try {
    const header = inspectDetached(signed.jws, VIEW_TYP);
    if (header.kid !== bus.kid) throw invalid(`signed by key ${header.kid}, not the bus key ${bus.kid}`);
    await verifyDetached(header, signed.view, bus.key);
  } catch (error) {
    throw invalid(`bus signature: ${errorMessage(error)}`, error);
  }
  let view: v1.DeliveredView;
  try {
    view = v1.DeliveredView.decode(signed.view);
  } catch (error) {
    throw invalid('the signed bytes are not a DeliveredView', error);
  }
  if (view.recipient !== recipient) throw invalid(`addressed to ${view.recipient}, not ${recipient}`);
  return view;
}
