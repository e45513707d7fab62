# --format html: the samples, a merge and a diff render to one
# self-contained page that is well formed, has one entry and one mark
# per event (counted from dtl's own JSON), loads nothing from anywhere
# and escapes article text.  Then, when Chromium is installed, each page
# is loaded headless: it must log no console message (script errors,
# blocked loads), its script must run, and every event must be in the
# DOM.  Set SHOTS=DIR to keep the screenshots (docs/screenshots/ holds
# the README's: SHOTS=docs/screenshots make test).
. "$top/tests/cli/lib.sh"
cd "$top" || exit 1
S=samples # relative: the pages name their inputs
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# check.py HTML JSON KIND: the structure of a page against the JSON of
# the same timeline (KIND timeline) or diff (KIND diff).
cat > "$T/check.py" <<'PY'
import html.parser, json, re, sys

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'source', 'track', 'wbr'}
RES = {'src', 'href', 'xlink:href', 'action', 'data', 'poster', 'srcset',
       'background', 'formaction'}

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids = [], [], set()
        self.hrefs, self.scripts, self.items, self.marks = [], 0, [], []
        self.title = None

    def handle_starttag(self, tag, attrs, closed=False):
        a = dict(attrs)
        for k, v in attrs:
            if k in RES and v is not None and not v.startswith('#'):
                self.errors.append('external reference %s="%s"' % (k, v))
        if 'style' in a and 'url(' in (a['style'] or ''):
            self.errors.append('url() in a style attribute')
        if 'id' in a:
            if a['id'] in self.ids:
                self.errors.append('duplicate id %s' % a['id'])
            self.ids.add(a['id'])
        if a.get('href', '').startswith('#'):
            self.hrefs.append(a['href'][1:])
        if tag == 'script':
            self.scripts += 1
        cls = (a.get('class') or '').split()
        if tag == 'li' and 'event' in cls:
            self.items.append(a)
        if tag == 'a' and 'mark' in cls and 'echo' not in cls:
            self.marks.append(dict(a, title=''))
        if tag == 'title' and self.stack and self.stack[-1] == 'a':
            self.title = self.marks[-1] if self.marks else None
        if not closed and tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append('</%s> closes <%s>' %
                               (tag, self.stack[-1] if self.stack else ''))
            return
        self.stack.pop()
        if tag == 'title':
            self.title = None

    def handle_data(self, data):
        if self.title is not None:
            self.title['title'] += data

path, jpath, kind = sys.argv[1:4]
text = open(path, encoding='utf-8').read()
p = Page()
p.feed(text)
p.close()
bad = list(p.errors)
if p.stack:
    bad.append('unclosed: %s' % ' '.join(p.stack))
if not text.startswith('<!DOCTYPE html>'):
    bad.append('no doctype')
for h in p.hrefs:
    if h not in p.ids:
        bad.append('link to a missing #%s' % h)
if p.scripts != 1:
    bad.append('%d <script> elements, want 1' % p.scripts)
for m in p.marks:
    if m.get('tabindex') != '0' or not m['title'].strip():
        bad.append('mark %s: no keyboard focus or no title' %
                   m.get('data-event'))
for m in re.finditer(r'url\(([^)]*)\)|@import', text):
    if not m.group(1) or not m.group(1).startswith('#'):
        bad.append('CSS loads %s' % m.group(0))
j = json.load(open(jpath, encoding='utf-8'))
if kind == 'timeline':
    evs = j['events']
    if len(p.items) != len(evs):
        bad.append('%d entries, want %d' % (len(p.items), len(evs)))
    if len(p.marks) != len(evs):
        bad.append('%d marks, want %d' % (len(p.marks), len(evs)))
    uids = sorted(e['uid'] for e in evs)
    if sorted(i.get('data-uid') for i in p.items) != uids:
        bad.append('entries do not carry the events\' uids')
    if sorted(m.get('data-uid') for m in p.marks) != uids:
        bad.append('marks do not carry the events\' uids')
    by_uid = {m.get('data-uid'): m for m in p.marks}
    for e in evs:
        m = by_uid.get(e['uid'])
        if m and e['evidence'] and e['evidence'][0]['text'] not in m['title']:
            bad.append('the title of %s lacks its evidence' % e['id'])
else:
    ents = j['entries']
    if len(p.items) != len(ents):
        bad.append('%d entries, want %d' % (len(p.items), len(ents)))
    for side in ('old', 'new'):
        want = sorted(e[side]['uid'] for e in ents if e.get(side))
        got = sorted(m.get('data-uid') for m in p.marks
                     if m.get('data-side') == side)
        if got != want:
            bad.append('%s marks: %s, want %s' % (side, got, want))
    kinds = [i.get('data-kind') for i in p.items]
    if kinds != [e['kind'] for e in ents]:
        bad.append('kinds %s, want %s' % (kinds, [e['kind'] for e in ents]))
for b in bad:
    print('not ok: %s: %s' % (path, b))
sys.exit(1 if bad else 0)
PY

# check NAME KIND: $T/NAME.html against $T/NAME.json.
check() {
    if ! grep -q . "$T/$1.json"; then
        echo "not ok: $1: no JSON"
        bad=$((bad + 1))
        return
    fi
    "$PY" "$T/check.py" "$T/$1.html" "$T/$1.json" "$2" || bad=$((bad + 1))
    # The samples quote no web address: none may appear at all.
    lacks "$T/$1.html" "http://"
    lacks "$T/$1.html" "https://"
}

pages=""
for f in "$S"/*.txt; do
    name=$(basename "$f" .txt)
    dtl build --format json "$f" > "$T/$name.json"
    status 0 dtl build --format html -o "$T/$name.html" "$f"
    check "$name" timeline
    pages="$pages $name"
done

dtl merge --format json "$S"/crisis/*.txt > "$T/crisis.json"
status 0 dtl merge --format html -o "$T/crisis.html" "$S"/crisis/*.txt
check crisis timeline
pages="$pages crisis"
status 0 dtl merge --format html --lanes type -o "$T/crisis-type.html" \
    "$S"/crisis/*.txt
cp "$T/crisis.json" "$T/crisis-type.json"
check crisis-type timeline
has "$T/crisis-type.html" "lanes by event type"

# diff exits 1 when the timelines differ, 0 when not.
dtl diff --format json "$S/crisis/shoal-a.txt" "$S/crisis/shoal-b.txt" \
    > "$T/diff.json"
dtl diff --format html -o "$T/diff.html" "$S/crisis/shoal-a.txt" \
    "$S/crisis/shoal-b.txt"
check diff diff
pages="$pages diff"

# Byte-stable, and the same on standard output as with -o.
status 0 dtl merge --format html "$S"/crisis/*.txt
same "$T/crisis.html" "$T/out"

# Article text is escaped everywhere: title, source, evidence.  Two
# reports of one protest on different days make a date conflict.
cat > "$T/a.txt" <<'EOF'
Title: Protest <script>alert("title")</script>
Date: 2025-04-10
Source: Wire & <b>Co</b>
Id: art-a

The Philippine Department of Foreign Affairs delivered a protest note to the Chinese embassy in Manila on April 3, calling it "<script>alert(1)</script>".
EOF
cat > "$T/b.txt" <<'EOF'
Title: Second report
Date: 2025-04-12
Id: art-b

The Philippine Department of Foreign Affairs handed a protest note to the Chinese embassy on April 8.
EOF
dtl merge --format json "$T/a.txt" "$T/b.txt" > "$T/evil.json"
status 0 dtl merge --format html -o "$T/evil.html" "$T/a.txt" "$T/b.txt"
check evil timeline
pages="$pages evil"
has "$T/evil.html" "&lt;script&gt;alert(1)&lt;/script&gt;"
has "$T/evil.html" "Protest &lt;script&gt;alert(&quot;title&quot;)"
has "$T/evil.html" "Wire &amp; &lt;b&gt;Co&lt;/b&gt;"
lacks "$T/evil.html" "<script>alert"
lacks "$T/evil.html" "<b>Co"
if grep -q '"conflict":	true' "$T/evil.json"; then
    has "$T/evil.html" "date conflict"
    has "$T/evil.html" 'class="claim"'
else
    echo "not ok: the two reports should conflict"
    bad=$((bad + 1))
fi
status 0 dtl build --format html "$T/a.txt"
has "$T/out" "&lt;script&gt;alert(1)&lt;/script&gt;"
lacks "$T/out" "<script>alert"

# Time axes from a day to millennia: a timeline of two events SPAN
# days apart (read back from JSON) gets 4 to 18 ticks, left to right.
for span in 0 3 20 75 200 700 4000 20000 200000 2000000; do
    "$PY" - "$T/evil.json" "$span" > "$T/span.json" <<'PY'
import copy, datetime, json, sys
t = json.load(open(sys.argv[1], encoding='utf-8'))
span = int(sys.argv[2])
e0 = t['events'][0]
day0 = datetime.date(1000, 1, 1) if span > 300000 else datetime.date(2001, 5, 5)
evs = []
for k, d in enumerate((day0, day0 + datetime.timedelta(days=span))):
    e = copy.deepcopy(e0)
    e['id'], e['uid'], e['conflict'] = 'e%d' % (k + 1), '%016d@dtl' % k, False
    e['date']['earliest'] = e['date']['latest'] = d.isoformat()
    e['sources'] = [dict(e['sources'][0], uid=e['uid'], date=e['date'])]
    evs.append(e)
t['events'] = evs
for d in t['documents']:
    d['dct'] = None
json.dump(t, sys.stdout)
PY
    dtl merge --format html "$T/span.json" > "$T/span.html"
    "$PY" - "$T/span.html" "$span" <<'PY' || bad=$((bad + 1))
import re, sys
xs = [float(x) for x in re.findall(r'class="tick" x="([0-9.]+)"',
                                   open(sys.argv[1]).read())]
if not 4 <= len(xs) <= 18 or xs != sorted(xs):
    print('not ok: a span of %s days has ticks at %s' % (sys.argv[2], xs))
    sys.exit(1)
PY
done

# Usage: lanes are actor or type; several articles are a batch, which
# writes JSON Lines or text only.
status 2 dtl build --format html --lanes place "$T/a.txt"
has "$T/err" "--lanes wants 'actor' or 'type'"
status 2 dtl build --format html "$T/a.txt" "$T/b.txt"
has "$T/err" "--format jsonl"

# Headless Chromium: console messages, the DOM and a screenshot.
chrome=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" > /dev/null 2>&1; then
        chrome=$c
        break
    fi
done
if [ -z "$chrome" ]; then
    echo "SKIP: chromium not installed (apt-get install chromium)"
    finish
fi
to=""
command -v timeout > /dev/null 2>&1 && to="timeout 120"

# browse NAME: loads $T/NAME.html; $T/NAME.dom, .png and .log.
browse() {
    rm -rf "$T/profile"
    $to "$chrome" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        --user-data-dir="$T/profile" --enable-logging=stderr --v=0 \
        --window-size=1400,900 --screenshot="$T/$1.png" --dump-dom \
        "file://$T/$1.html" > "$T/$1.dom" 2> "$T/$1.log"
    if [ ! -s "$T/$1.png" ]; then
        # Older builds do one thing per run.
        $to "$chrome" --headless --no-sandbox --disable-gpu \
            --disable-quic --no-first-run --disable-background-networking \
            --disable-component-update --disable-sync \
            --user-data-dir="$T/profile" --window-size=1400,900 \
            --screenshot="$T/$1.png" "file://$T/$1.html" \
            > /dev/null 2>&1
    fi
}

# The log must show console messages, or their absence proves nothing.
printf '<!DOCTYPE html><title>t</title><script>nosuch();</script>\n' \
    > "$T/broken.html"
browse broken
if ! grep -q "CONSOLE.*Uncaught" "$T/broken.log"; then
    echo "not ok: chromium does not log console errors; cannot check"
    sed 's/^/    /' "$T/broken.log" | head -5
    bad=$((bad + 1))
fi

for p in $pages; do
    browse "$p"
    if grep "CONSOLE" "$T/$p.log" > "$T/console"; then
        echo "not ok: $p.html: console messages:"
        sed 's/^/    /' "$T/console" | head -5
        bad=$((bad + 1))
    fi
    # The page's script ran to its end (it sets class="js").
    has "$T/$p.dom" '<html lang="en" class="js">'
    "$PY" - "$T/$p.dom" "$T/$p.json" "$p" <<'PY' || bad=$((bad + 1))
import json, re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
j = json.load(open(sys.argv[2], encoding='utf-8'))
if 'entries' in j:
    uids = [e[s]['uid'] for e in j['entries'] for s in ('old', 'new')
            if e.get(s)]
    want = len(j['entries'])
else:
    uids = [e['uid'] for e in j['events']]
    want = len(j['events'])
got = len(re.findall(r'<li class="event[ "]', dom))
bad = []
if got != want:
    bad.append('%d entries in the DOM, want %d' % (got, want))
for u in uids:
    if 'data-uid="%s"' % u not in dom:
        bad.append('event %s is not in the DOM' % u)
for b in bad:
    print('not ok: %s: %s' % (sys.argv[3], b))
sys.exit(1 if bad else 0)
PY
    if [ "$(od -An -c -N4 "$T/$p.png" 2>/dev/null | tr -d ' ')" != '211PNG' ]
    then
        echo "not ok: $p.html: no screenshot"
        bad=$((bad + 1))
    elif [ -n "${SHOTS:-}" ] && [ "$p" != evil ]; then
        mkdir -p "$SHOTS" && cp "$T/$p.png" "$SHOTS/$p.png"
    fi
done
finish
