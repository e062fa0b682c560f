/**
 * The shape of a view: what a recipient can learn from a view without reading a value
 * (how many elements of which kinds, what is listed as withheld, how many digests its
 * manifests hold, how many disclosures and grants, how large it is). Two notices that
 * differ only by a protected witness must give views of the same shape.
 */
import type protobuf from 'protobufjs';
import { reflectionRoot, timestampFromDate, v1 } from '../../../libs/proto/index.js';
import type { RecipientView } from '../../harness/views-of.js';
import { decodeView, deliveredTexts, normalisePath } from './judge.js';

export interface ViewShape {
  elements: string[];
  withheld: string[];
  granted: string[];
  grantedCategories: string[];
  disclosures: number;
  /** Digest count of each manifest the view carries. */
  digests: string[];
  /** Size in bytes, rounded up to 64 (with the delivery time fixed: the harness stamps the current time). */
  size64: number;
  /** "[withheld" markers in every text of the view. */
  markers: number;
}

const elementType = reflectionRoot.lookupType('accord.v1.ViewElement');
const valueOneof: protobuf.OneOf | undefined = elementType.oneofs['value'];

/** Which value an element holds (personProfile, pseudonym, summary, ...). */
export function elementKind(e: v1.ViewElement): string {
  const record = e as unknown as Record<string, unknown>;
  const set = valueOneof?.fieldsArray.find((f) => record[f.name] !== undefined && record[f.name] !== null);
  return set?.name ?? 'none';
}

const FIXED = timestampFromDate(new Date('2026-01-01T00:00:00Z'));

export function shapeOf(rv: RecipientView): ViewShape {
  const decoded = decodeView(rv);
  const signed = v1.SignedView.decode(rv.raw);
  const view = v1.DeliveredView.decode(signed.view);
  view.receivedAt = FIXED;
  const size = v1.DeliveredView.encode(view).finish().length + signed.jws.length;
  return {
    elements: rv.elements
      .map((e) => `${elementKind(e)}|${e.category}|${e.derived ? 'derived' : 'original'}|${normalisePath(e.path ?? '')}`)
      .sort(),
    withheld: rv.view.withheld.map((w) => `${normalisePath(w.path ?? '')}|${w.category}|${w.count}`).sort(),
    granted: rv.view.granted.map((g) => `${normalisePath(g.path ?? '')}|${g.category}`).sort(),
    grantedCategories: [...rv.view.grantedCategories].sort(),
    disclosures: rv.view.disclosures.length,
    digests: decoded.manifests.map((m) => `${m.type}: ${m.digests}`).sort(),
    size64: Math.ceil(size / 64) * 64,
    markers: deliveredTexts(decoded).reduce((n, t) => n + (t.text.match(/\[withheld/g) ?? []).length, 0),
  };
}

/** Where two shapes differ, one line each. */
export function shapeDifferences(a: ViewShape, b: ViewShape): string[] {
  const out: string[] = [];
  for (const key of Object.keys(a) as (keyof ViewShape)[]) {
    const x = JSON.stringify(a[key]);
    const y = JSON.stringify(b[key]);
    if (x !== y) out.push(`${key}: ${x} with the witness, ${y} without`);
  }
  return out;
}
