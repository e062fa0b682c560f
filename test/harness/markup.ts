/** Readers of rendered markup that the page tests share: start tags, attributes, forms, controls. */

/** Markup with its layout whitespace squeezed out ("<p>\n  <b>" is "<p><b>"), to compare with what a page says. */
export function squash(markup: string): string {
  return markup.replace(/\s+/g, ' ').replace(/> </g, '><');
}

/** The names of the form controls in a piece of markup, in document order. */
export function controlNames(markup: string): string[] {
  return [...markup.matchAll(/<(?:input|select|textarea)\s[^>]*>/g)].map((m) => /\sname="([^"]*)"/.exec(m[0])?.[1] ?? '');
}

/** Every start tag of a name, as its attributes (a present attribute without a value is ''). */
export function tags(markup: string, name: string): Record<string, string>[] {
  return [...markup.matchAll(new RegExp(`<${name}(\\s[^>]*)?>`, 'gi'))].map((m) => {
    const attributes: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([^\s"'=/>]+)(?:="([^"]*)")?/g)) attributes[(a[1] ?? '').toLowerCase()] = a[2] ?? '';
    return attributes;
  });
}

/** Every form: its start tag's attributes and what is inside it. */
export function forms(markup: string): { method: string; action: string; body: string }[] {
  return [...markup.matchAll(/<form(\s[^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const [attributes] = tags(`<form${m[1] ?? ''}>`, 'form');
    return { method: (attributes?.method ?? 'get').toLowerCase(), action: attributes?.action ?? '', body: m[2] ?? '' };
  });
}
