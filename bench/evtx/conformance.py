#!/usr/bin/python3
"""Compare c2hunt's rendered XML of every record with python-evtx's (Debian python3-evtx).

    apt-get install -y python3-evtx
    npx tsc -p bench/tsconfig.json
    /usr/bin/python3 bench/evtx/conformance.py [FILE.evtx ...]      # default: every file in ../shared/data/evtx

Records are matched by absolute file offset. Both renderings are parsed into element trees and compared
element by element. Every difference is put in a category; each category is a formatting convention
documented in docs/evtx.md ("Differences from python-evtx"). Anything that fits no category is printed
as UNEXPLAINED with the record offset, and the script exits 1 when there is any.
Not part of `npm test`: it needs python3-evtx and takes about a minute.
"""
import base64
import collections
import datetime
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import Evtx.Evtx as evtx

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DUMP = os.path.join(REPO, 'bench', 'out', 'bench', 'evtx', 'dump.js')
SAMPLES = os.path.join(REPO, '..', 'shared', 'data', 'evtx')
NS = '{http://schemas.microsoft.com/win/2004/08/events/event}'


def ours(path):
    out = subprocess.run(['node', DUMP, '--json', path], check=True, capture_output=True, text=True).stdout
    records, errors = {}, {}
    for line in out.splitlines():
        item = json.loads(line)
        if 'xml' in item:
            records[item['offset']] = item['xml']
        elif item.get('id') is not None:
            errors[item['offset']] = item['error']
    return records, errors


def theirs(path):
    records, errors = {}, {}
    with evtx.Evtx(path) as log:
        for chunk in log.chunks():
            try:
                if not chunk.check_magic():
                    continue
            except Exception:
                continue
            try:
                for record in chunk.records():
                    try:
                        records[record.offset()] = record.xml()
                    except Exception as e:  # python-evtx raises many kinds on damaged or unusual records
                        errors[record.offset()] = f'{type(e).__name__}: {e}'
            except Exception as e:
                errors[chunk.offset()] = f'chunk: {type(e).__name__}: {e}'
    return records, errors


def local(tag):
    return tag.split('}', 1)[-1]


def parse(text):
    return ET.fromstring(text)


def py_time(text):
    """python-evtx: '2016-07-08 18:12:51.681641' (microseconds from a float)."""
    for fmt in ('%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M:%S'):
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            pass
    return None


def our_time(text):
    """ours: '2016-07-08T18:12:51.6816408Z' (100 ns ticks)."""
    if not text.endswith('Z') or 'T' not in text:
        return None
    head, _, frac = text[:-1].partition('.')
    try:
        base = datetime.datetime.strptime(head, '%Y-%m-%dT%H:%M:%S')
    except ValueError:
        return None
    ticks = int((frac + '0000000')[:7]) if frac else 0
    return base, ticks


def classify_value(py, us):
    """Category for two differing texts of the same element or attribute, or None."""
    if py is None or us is None:
        return None
    t = py_time(py)
    o = our_time(us)
    if t is not None and o is not None:
        base, ticks = o
        exact = base + datetime.timedelta(microseconds=ticks / 10)
        # python-evtx goes through a float of seconds since 1601 (about 2 µs resolution).
        if abs((exact - t).total_seconds()) <= 1e-5:
            return 'filetime-format'
    if py.lower().startswith('0x') and us.lower().startswith('0x'):
        try:
            if int(py, 16) == int(us, 16):
                return 'hex-zero-padding'
        except ValueError:
            pass
    if us.startswith('0x') and py.isdigit():
        try:
            if int(us, 16) == int(py):
                return 'size_t-hex'
        except ValueError:
            pass
    if py in ('True', 'False') and us == py.lower():
        return 'bool-case'
    try:
        if us and base64.b64decode(py, validate=True) == bytes.fromhex(us):
            return 'binary-base64-vs-hex'
    except ValueError:
        pass
    if '&' in py and py.replace('&quot;', '"').replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>').replace('&apos;', "'") == us:
        return 'entity-double-escaped'
    if us == py.rstrip('\x00') or (us and py.startswith(us) and py[len(us):].startswith('\x00')):
        return 'nul-terminated-string'
    stripped = ''.join(c for c in us if not (ord(c) < 32 and c not in '\t\n\r') and not (0x7f <= ord(c) < 0xa0))
    if stripped == py:
        return 'control-characters-stripped'
    try:
        if float(py) == float(us) or abs(float(py) - float(us)) <= abs(float(us)) * 1e-6:
            return 'float-format'
    except ValueError:
        pass
    return None


def string_array(py_el):
    """python-evtx renders a string array into one element as escaped '<string>…</string>' items."""
    text = py_el.text or ''
    if '<string>' not in text:
        return None
    return re.findall(r'<string>(.*?)</string>', text, re.S)


def compare(py_el, us_el, path, cats, unexplained):
    if local(py_el.tag) != local(us_el.tag):
        unexplained.append(f'{path}: element {local(py_el.tag)} vs {local(us_el.tag)}')
        return
    here = f'{path}/{local(py_el.tag)}'
    for name, value in py_el.attrib.items():
        if name not in us_el.attrib:
            if value == '':
                cats['empty-attribute-omitted'] += 1
            else:
                unexplained.append(f'{here}@{name}: missing (python-evtx {value!r})')
        elif us_el.attrib[name] != value:
            cat = classify_value(value, us_el.attrib[name])
            if cat:
                cats[cat] += 1
            else:
                unexplained.append(f'{here}@{name}: {value!r} vs {us_el.attrib[name]!r}')
    for name in us_el.attrib:
        if name not in py_el.attrib:
            unexplained.append(f'{here}@{name}: only ours')
    py_text = (py_el.text or '') if len(py_el) == 0 else (py_el.text or '').strip()
    us_text = (us_el.text or '') if len(us_el) == 0 else (us_el.text or '').strip()
    if py_text != us_text:
        cat = classify_value(py_text, us_text)
        if cat:
            cats[cat] += 1
        else:
            unexplained.append(f'{here}: text {py_text[:80]!r} vs {us_text[:80]!r}')
    compare_children(list(py_el), list(us_el), here, cats, unexplained)


def compare_children(py_kids, us_kids, path, cats, unexplained):
    i = j = 0
    while i < len(py_kids) or j < len(us_kids):
        p = py_kids[i] if i < len(py_kids) else None
        u = us_kids[j] if j < len(us_kids) else None
        if p is not None and (u is None or local(p.tag) != local(u.tag)):
            # An element python-evtx prints for a NULL dependency value; Windows (MS-EVEN6 2.2.12.1) omits it.
            if not (p.text or '').strip() and len(p) == 0 and not any(p.attrib.values()):
                cats['null-dependency-element-omitted'] += 1
                i += 1
                continue
        if p is not None and u is not None and local(p.tag) == local(u.tag):
            items = string_array(p)
            if items is not None:
                # Ours repeats the element once per item (MS-EVEN6 3.1.4.7.5), in stored order, as evtxexport
                # does. python-evtx finds items with a regex that moves empty items after non-empty ones and can
                # repeat an item, so only the set of non-empty items is compared.
                run = []
                while j < len(us_kids) and local(us_kids[j].tag) == local(p.tag) and not us_kids[j].attrib:
                    run.append(us_kids[j].text or '')
                    j += 1
                ours_items = {x for x in run if x}
                py_items = {x for x in items if x}
                if ours_items <= py_items and all(any(p in o for o in ours_items) for p in py_items):
                    cats['string-array-repeated-element'] += 1
                else:
                    unexplained.append(f'{path}/{local(p.tag)}: array {items[:4]} vs {run[:4]}')
                i += 1
                continue
            compare(p, u, path, cats, unexplained)
            i += 1
            j += 1
            continue
        if p is None:
            unexplained.append(f'{path}: extra element in ours <{local(u.tag)}>')
            j += 1
        elif u is None:
            unexplained.append(f'{path}: missing in ours <{local(p.tag)}>')
            i += 1
        else:
            unexplained.append(f'{path}: <{local(p.tag)}> vs <{local(u.tag)}>')
            i += 1
            j += 1


def main():
    if not os.path.exists(DUMP):
        sys.exit(f'{DUMP} is missing: run `npx tsc -p bench/tsconfig.json` first')
    files = sys.argv[1:] or sorted(
        os.path.join(SAMPLES, f) for f in os.listdir(SAMPLES) if f.endswith('.evtx'))
    total = collections.Counter()
    bad_total = 0
    print(f'{"file":58} {"both":>5} {"agree":>5} {"ours-only":>9} {"py-err":>6}  categories')
    for path in files:
        us, us_err = ours(path)
        py, py_err = theirs(path)
        cats = collections.Counter()
        unexplained = []
        same = 0
        both = sorted(set(us) & set(py))
        for off in both:
            if us[off] == py[off]:
                same += 1
                continue
            before = len(unexplained)
            try:
                compare(parse(py[off]), parse(us[off]), '', cats, unexplained)
            except ET.ParseError as e:
                unexplained.append(f'parse error {e}')
            if len(unexplained) == before:
                same += 1
            else:
                unexplained[before:] = [f'@{off}: {u}' for u in unexplained[before:]]
        only_ours = len(set(us) - set(py))
        only_py = set(py) - set(us)
        for off in sorted(only_py):
            unexplained.append(f'@{off}: only python-evtx renders it (ours: {us_err.get(off, "not found")})')
        total.update(cats)
        bad_total += len(unexplained)
        name = os.path.basename(path)
        print(f'{name[:58]:58} {len(both):5} {same:5} {only_ours:9} {len(py_err):6}  '
              + ', '.join(f'{k} {v}' for k, v in sorted(cats.items())))
        for u in unexplained[:10]:
            print(f'    UNEXPLAINED {u}')
        if len(unexplained) > 10:
            print(f'    ... {len(unexplained) - 10} more')
    print('\ncategory totals (each is documented in docs/evtx.md):')
    for k, v in sorted(total.items()):
        print(f'  {k:36} {v}')
    print(f'unexplained differences: {bad_total}')
    sys.exit(1 if bad_total else 0)


if __name__ == '__main__':
    main()
