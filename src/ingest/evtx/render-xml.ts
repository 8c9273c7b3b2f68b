/**
 * Reference XML renderer (a direct tree walk); the reader uses the compiled form in render-plan.ts, and
 * test/evtx/render-plan.test.ts checks both agree on every shared sample.
 *
 * A parsed record → Windows event XML, in the single-line form Splunk stores for XmlWinEventLog:
 * `<Event xmlns='…'><System><Provider Name='…' Guid='{…}'/>…</System><EventData><Data Name='X'>v</Data>…`
 * Single-quoted attributes, no whitespace between elements, `<X/>` for elements closed empty in the binary
 * and `<X></X>` for elements that merely have no content, exactly as the template encodes them.
 *
 * Omission rules from MS-EVEN6 §2.2.12.1–2: an element whose dependency value is NULL is not emitted, an
 * attribute whose value renders empty is not emitted. Text escapes `& < >`, attribute values `& < '`;
 * control characters XML 1.0 cannot represent are dropped from the XML (the field values keep them).
 * Every departure from python-evtx's output is listed in docs/evtx.md.
 */
import type { ElementNode, Fragment, PINode, Values } from './binxml/nodes.js';
import { fragmentRoot } from './binxml/nodes.js';
import { needsEscape } from './binxml/format-value.js';
import { isOmitted, nestedFragment, partsText, repeatCount, valueText, valueType } from './binxml/values.js';
import { VT } from './binxml/value-types.js';

const TEXT_SPECIAL = /[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
const ATTR_SPECIAL = /[&<'\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;
/** Characters XML 1.0 cannot carry even as references; dropped from the XML text (field values keep them). */
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;

export function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  if (!ATTR_SPECIAL.test(s)) return s;
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
}

const SAFE_ENTITY = /^[A-Za-z_][A-Za-z0-9._-]*$/;

export function renderPI(pi: PINode): string {
  return `<?${pi.target}${pi.data === '' ? '' : ' ' + pi.data.replace(/\?>/g, '? >')}?>`;
}

export function renderEntity(name: string): string {
  return SAFE_ENTITY.test(name) ? '&' + name + ';' : escapeText('&' + name + ';');
}

export function renderCData(text: string): string {
  return '<![CDATA[' + text.replace(/]]>/g, ']]]]><![CDATA[>') + ']]>';
}

function renderElement(el: ElementNode, v: Values, isRoot: boolean): string {
  if (!isRoot && isOmitted(el, v)) return '';
  const n = repeatCount(el, v);
  let out = '';
  for (let k = n < 0 ? -1 : 0, last = n < 0 ? -1 : Math.max(n, 1) - 1; k <= last; k++) {
    out += '<' + el.xmlName;
    for (const a of el.attrs) {
      const value = partsText(a.parts, v, k);
      if (value !== '') out += ' ' + a.xmlName + "='" + escapeAttr(value) + "'";
    }
    if (el.empty) {
      out += '/>';
      continue;
    }
    out += '>';
    const content = el.content;
    for (let i = 0; i < content.length; i++) {
      const c = content[i]!;
      switch (c.kind) {
        case 'element':
          out += renderElement(c, v, false);
          break;
        case 'text':
          out += escapeText(c.text);
          break;
        case 'subst': {
          const type = valueType(v, c.index);
          if (type === VT.BinXml) {
            const f = nestedFragment(v, c.index);
            if (f !== null) out += renderFragment(f, false);
          } else if (type !== VT.Null) {
            const s = valueText(v, c.index, k);
            out += needsEscape(type) ? escapeText(s) : s;
          }
          break;
        }
        case 'charref':
          out += '&#' + c.code + ';';
          break;
        case 'entity':
          out += renderEntity(c.name);
          break;
        case 'cdata':
          out += renderCData(c.text);
          break;
        case 'pi':
          out += renderPI(c);
          break;
      }
    }
    out += '</' + el.xmlName + '>';
  }
  return out;
}

/**
 * Render a record (or a nested BinXml value) as one line of event XML. A record's own root is always
 * emitted, whatever its dependency value: dropping it would turn a whole record into nothing.
 */
export function renderFragment(f: Fragment, isRecord = true): string {
  const { root, values } = fragmentRoot(f);
  let out = '';
  for (const pi of f.prolog) out += renderPI(pi);
  return out + renderElement(root, values, isRecord);
}
