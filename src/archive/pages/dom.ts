import { type DefaultTreeAdapterTypes, parse } from 'parse5';

export type Element = DefaultTreeAdapterTypes.Element;
type Node = DefaultTreeAdapterTypes.Node;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** A saved page parsed the way a browser would (parse5, the WHATWG algorithm), with source lines kept. */
export function parsePage(html: string): DefaultTreeAdapterTypes.Document {
  return parse(html, { sourceCodeLocationInfo: true });
}

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

/** An attribute's value, or undefined. */
export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** The 1-based line an element starts on in the saved file. */
export function lineOf(node: Node): number {
  return node.sourceCodeLocation?.startLine ?? 1;
}

/** Children, with a template's content standing in for its (empty) child list. */
export function childrenOf(node: Node): DefaultTreeAdapterTypes.ChildNode[] {
  if (node.nodeName === 'template') return (node as DefaultTreeAdapterTypes.Template).content.childNodes;
  return 'childNodes' in node ? (node as ParentNode).childNodes : [];
}

/** Every element under `root` in document order. */
export function* elements(root: Node): Generator<Element> {
  for (const child of childrenOf(root)) {
    if (!isElement(child)) continue;
    yield child;
    yield* elements(child);
  }
}

/** The text of an element and its descendants, as `textContent` reads it. */
export function textContent(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return childrenOf(node).map(textContent).join('');
}
