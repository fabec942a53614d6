"""The scan's report.html: one self-contained page built from summary.json and the top articles.

Everything in the page comes from this module: CSS inline (admitted by its
hash in a Content-Security-Policy that forbids every other load), charts as
inline SVG drawn here, no script at all, so the page reads the same with
scripting off and cannot reach the network. Article text, titles, ids,
messages, rule names and input paths are untrusted: every one passes through
`_esc` (html.escape with quote=True) on its way into the page.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from html import escape

from linter.core.finding import CATEGORIES

# Okabe-Ito colours stay apart for the common colour-vision deficiencies; each
# category also has its own dash pattern and marker in the chart and its name
# written beside every highlight, so colour is never the only cue.
CATEGORY_COLOURS = {"forecast": "#c24f00", "unverified": "#0072b2", "certainty": "#00795a"}
CATEGORY_DASH = {"forecast": "", "unverified": "7 4", "certainty": "2 3"}
OTHER_COLOUR = "#555555"

TOP_RULES = 20
MAX_FLAGGED_PER_ARTICLE = 40
# The first few flags of a card are open; the rest fold into a <details>, so
# twenty-five cards stay scannable without any script.
OPEN_FLAGS_PER_ARTICLE = 5
MAX_PERIOD_TABLE_ROWS = 600
MAX_SENTENCE_CHARS = 900
# Above this many periods a point marker per period is clutter, not information.
MAX_MARKED_PERIODS = 80
# Above this many, periods are pooled (quarters, years, decades...): 3,000 months
# as 3,000 points is a band of noise on a 900-pixel axis.
MAX_DRAWN_PERIODS = 240
# A period resting on fewer words than this (or than this share of the median
# period) does not set the y scale; see _y_scale.
THIN_PERIOD_WORDS = 500
THIN_PERIOD_SHARE = 0.1
MAX_OFF_SCALE_LABELS = 12


def render_report(summary: dict, top_articles: list[dict]) -> str:
    """The whole report page for one scan, as a string of HTML."""
    summary = summary if isinstance(summary, dict) else {}
    articles = [a for a in (top_articles or []) if isinstance(a, dict)]
    css = _CSS
    body = "\n".join(
        [
            _header(summary),
            _headline(summary),
            _categories_section(summary),
            _profile_section(summary),
            _time_section(summary),
            _rules_section(summary),
            _articles_section(articles),
            _footer(summary),
        ]
    )
    inputs = _list(summary.get("inputs"))
    title = "hedgelint scan report" + (": " + ", ".join(str(i) for i in inputs[:3]) if inputs else "")
    if len(inputs) > 3:
        title += f" and {len(inputs) - 3} more"
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(_csp(css))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        # An empty data: icon keeps the browser from asking for /favicon.ico.
        '<link rel="icon" href="data:,">\n'
        f"<title>{_esc(title)}</title>\n"
        f"<style>{css}</style>\n"
        f"</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _csp(css: str) -> str:
    # Only the one inline stylesheet, by hash; no scripts, no fetches, no
    # frames, no forms. If escaping ever failed, an injected <script> or
    # <img src=https://...> would still be refused.
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{digest}'; "
        "img-src data:; "
        "script-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


# ---------------------------------------------------------------- small helpers


def _esc(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _num(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int_text(value) -> str:
    number = _num(value)
    return "–" if number is None else f"{round(number):,}"


def _rate_text(value) -> str:
    number = _num(value)
    if number is None:
        return "–"
    if number == 0:
        return "0"
    return f"{number:,.2f}" if number < 100 else f"{number:,.0f}"


def _seconds_text(value) -> str:
    seconds = _num(value)
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _category_class(category) -> str:
    # Class names are built from a closed set, never from the data's own text.
    return category if category in CATEGORIES else "other"


def _category_badge(category) -> str:
    cls = _category_class(category)
    label = category if category else "unknown"
    return f'<span class="badge cat-{cls}">{_esc(label)}</span>'


def _rate(findings, words) -> float | None:
    count, total = _num(findings), _num(words)
    if count is None or not total:
        return None
    return count * 1000.0 / total


# ---------------------------------------------------------------- sections


def _header(summary: dict) -> str:
    inputs = [str(i) for i in _list(summary.get("inputs"))]
    shown = ", ".join(f"<code>{_esc(i)}</code>" for i in inputs[:10])
    if len(inputs) > 10:
        shown += f" and {len(inputs) - 10:,} more"
    started = summary.get("started")
    parts = []
    if shown:
        parts.append(f"Inputs: {shown}")
    if started:
        parts.append(f"started {_esc(started)}")
    meta = " · ".join(parts) if parts else "No inputs recorded."
    return f'<header>\n<h1>hedgelint archive scan</h1>\n<p class="meta">{meta}</p>\n</header>'


def _headline(summary: dict) -> str:
    words = summary.get("words")
    findings = summary.get("findings")
    seconds = _num(summary.get("seconds"))
    words_n = _num(words)
    speed = f"{words_n / seconds:,.0f} words/s" if words_n and seconds else ""
    jobs = _num(summary.get("jobs"))
    if jobs:
        speed = " · ".join(t for t in (speed, f"{round(jobs)} job{'s' if jobs != 1 else ''}") if t)
    errors = _num(summary.get("errors")) or 0
    prefilter = summary.get("prefilter")
    prefilter_text = "on" if prefilter is True else "off" if prefilter is False else "–"
    cached = summary.get("articles_from_cache")
    articles_n = _num(summary.get("articles"))
    cached_note = ""
    if articles_n and _num(cached) is not None:
        cached_note = f"{_num(cached) / articles_n:.0%} of articles"
    figures = [
        ("Articles", _int_text(summary.get("articles")), ""),
        ("Words", _int_text(words), ""),
        ("Findings", _int_text(findings), ""),
        ("Per 1,000 words", _rate_text(_rate(findings, words)), "all categories"),
        ("Errors", _int_text(summary.get("errors")), "see errors.jsonl" if errors else ""),
        ("From cache", _int_text(cached), cached_note),
        ("Time", _seconds_text(summary.get("seconds")), speed),
        ("Prefilter", prefilter_text, "lexical, before the parser" if prefilter is True else ""),
    ]
    cells = []
    for label, value, note in figures:
        warn = " warn" if label == "Errors" and errors else ""
        note_html = f'<span class="note">{_esc(note)}</span>' if note else ""
        cells.append(
            f'<div class="figure{warn}"><span class="label">{_esc(label)}</span>'
            f'<span class="value">{_esc(value)}</span>{note_html}</div>'
        )
    return '<section id="headline" aria-label="Headline figures">\n<div class="figures">\n' + "\n".join(cells) + "\n</div>\n</section>"


def _categories_section(summary: dict) -> str:
    counts = summary.get("by_category") if isinstance(summary.get("by_category"), dict) else {}
    rates = summary.get("per_1000_words") if isinstance(summary.get("per_1000_words"), dict) else {}
    total = sum(_num(counts.get(c)) or 0 for c in CATEGORIES)
    rows = []
    for category in CATEGORIES:
        count = _num(counts.get(category)) or 0
        share = f"{count / total:.0%}" if total else "–"
        rows.append(
            f"<tr><td>{_category_badge(category)}</td><td class=\"num\">{_int_text(count)}</td>"
            f'<td class="num">{_rate_text(rates.get(category, 0))}</td><td class="num">{share}</td></tr>'
        )
    return (
        '<section id="categories">\n<h2>By category</h2>\n'
        '<div class="scroll"><table class="compact">\n<thead><tr><th scope="col">Category</th>'
        '<th scope="col" class="num">Findings</th><th scope="col" class="num">Per 1,000 words</th>'
        '<th scope="col" class="num">Share</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table></div>\n</section>"
    )


_PROFILE_STATUSES = ("asserted", "hedged", "attributed", "conditional", "question")


def _profile_section(summary: dict) -> str:
    """scan --profile: how the archive's sentences stand, overall and per period."""
    shares = summary.get("profile_shares")
    if not isinstance(shares, dict):
        return ""
    prof = summary.get("profile") if isinstance(summary.get("profile"), dict) else {}
    head = "".join(f'<th scope="col" class="num">{_esc(s.capitalize())}</th>' for s in _PROFILE_STATUSES)
    rows = []

    def row(label: str, sentences, sh: dict) -> str:
        cells = "".join(f'<td class="num">{_num(sh.get(s)) or 0:.0%}</td>' for s in _PROFILE_STATUSES)
        return f"<tr><td>{_esc(label)}</td><td class=\"num\">{_int_text(_num(sentences) or 0)}</td>{cells}</tr>"

    rows.append(row("All articles", prof.get("sentences"), shares))
    for period in _list(summary.get("by_period")):
        if isinstance(period, dict) and isinstance(period.get("profile_shares"), dict):
            rows.append(row(str(period.get("period", "")), (period.get("profile") or {}).get("sentences"), period["profile_shares"]))
    return (
        '<section id="profile">\n<h2>Certainty profile</h2>\n'
        "<p class=\"note\">Share of sentences the writer asserts, hedges or attributes to a source (scan --profile).</p>\n"
        '<div class="scroll"><table class="compact">\n<thead><tr><th scope="col">Period</th><th scope="col" class="num">Sentences</th>'
        + head + "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>\n</section>"
    )


# ---------------------------------------------------------------- the chart over time

_PERIOD_PATTERNS = {
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "year": re.compile(r"^(\d{4})$"),
}


def _period_ordinals(periods: list[str], unit) -> list[int] | None:
    """Each period's position in time (months or years), or None when one does not parse."""
    pattern = _PERIOD_PATTERNS.get(unit)
    if pattern is None:
        return None
    ordinals = []
    for period in periods:
        match = pattern.match(period)
        if not match:
            return None
        if unit == "month":
            month = int(match.group(2))
            if not 1 <= month <= 12:
                return None
            ordinals.append(int(match.group(1)) * 12 + month - 1)
        else:
            ordinals.append(int(match.group(1)))
    if any(b <= a for a, b in zip(ordinals, ordinals[1:])):
        return None
    return ordinals


def _nice_step(span: float, target_ticks: int = 5) -> float:
    raw = span / max(target_ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _label_step(span: int, unit, max_labels: int) -> int:
    """Label every k-th period, k from steps that land on round dates (January, decades)."""
    if unit == "month":
        steps = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240, 600, 1200]
    elif unit == "year":
        steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
    else:
        steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
    for step in steps:
        if span / step < max_labels:
            return step
    return max(1, math.ceil(span / max_labels))


def _legend() -> str:
    items = []
    for category in CATEGORIES:
        dash = CATEGORY_DASH[category]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(
            f'<li><svg width="34" height="12" aria-hidden="true" focusable="false">'
            f'<line x1="1" y1="6" x2="33" y2="6" class="line-{category}" stroke-width="3"{dash_attr}/>'
            f"{_marker(category, 17, 6)}</svg>{_esc(category)}</li>"
        )
    return '<ul class="legend" aria-label="Legend">' + "".join(items) + "</ul>\n"


def _marker(category: str, x: float, y: float, off_scale: bool = False) -> str:
    # A different shape per category, for readers who cannot tell the colours apart;
    # hollow when the point is above the scale and drawn at its edge.
    cls = f"mark-{category}" + (" off-scale" if off_scale else "")
    if category == "forecast":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" class="{cls}"/>'
    if category == "unverified":
        return f'<rect x="{x - 3.2:.1f}" y="{y - 3.2:.1f}" width="6.4" height="6.4" class="{cls}"/>'
    return f'<path d="M{x:.1f} {y - 4.2:.1f}L{x + 4:.1f} {y + 3:.1f}L{x - 4:.1f} {y + 3:.1f}Z" class="{cls}"/>'


def _time_section(summary: dict) -> str:
    periods = [p for p in _list(summary.get("by_period")) if isinstance(p, dict)]
    unit = summary.get("period_unit")
    undated = _num(summary.get("undated_articles")) or 0
    undated_note = ""
    if undated:
        undated_note = f'<p class="note">{_int_text(undated)} articles without a date are not in this chart.</p>'
    if not periods:
        return (
            '<section id="over-time">\n<h2>Findings per 1,000 words over time</h2>\n'
            '<p class="empty" id="no-dates">No article has a date, so there is no chart over time.</p>\n</section>'
        )
    unit_label = unit if unit in ("month", "year") else "period"
    series = _chart_series(periods, unit)
    intro = f"One line per category, per {_esc(unit_label)}; below it, articles per {_esc(unit_label)}. "
    if series.size > 1:
        intro = (
            f"{len(periods):,} {_esc(unit_label)}s are too many to draw one by one: each point pools "
            f"{series.size} {_esc(unit_label)}s (findings over words). Below, articles per {series.size} {_esc(unit_label)}s. "
        )
    intro += "A gap in a line is a stretch with no articles."
    return (
        '<section id="over-time">\n<h2>Findings per 1,000 words over time</h2>\n'
        f'<p class="note">{intro}</p>\n'
        + _legend()
        + '<p class="note swipe-hint">The chart scrolls sideways.</p>'
        + '<div class="scroll chart-wrap">'
        + _time_chart(series, unit)
        + "</div>\n"
        + _off_scale_note(series)
        + undated_note
        + _period_table(periods, unit_label)
        + "\n</section>"
    )


class _Series:
    """What the chart draws: points on a time axis, pooled when periods are too many."""

    def __init__(self, names, ordinals, positional, size, words, articles, rates):
        self.names = names  # label of each point (its first period)
        self.ordinals = ordinals  # position in months, years or list order
        self.positional = positional  # periods did not parse: order only, no gaps
        self.size = size  # periods pooled into each point
        self.words = words
        self.articles = articles
        self.rates = rates  # category -> rate per point, None where no words


def _chart_series(periods: list[dict], unit) -> _Series:
    names = [str(p.get("period", "")) for p in periods]
    ordinals = _period_ordinals(names, unit)
    positional = ordinals is None
    if positional:
        ordinals = list(range(len(periods)))
    span = ordinals[-1] - ordinals[0] + 1
    size = 1
    if len(periods) > MAX_DRAWN_PERIODS:
        sizes = {"month": [3, 6, 12, 24, 60, 120, 240, 600, 1200], "year": [2, 5, 10, 20, 50, 100, 200, 500, 1000]}
        candidates = sizes.get(None if positional else unit, [])
        size = next((c for c in candidates if span / c <= MAX_DRAWN_PERIODS), math.ceil(span / MAX_DRAWN_PERIODS))
    pooled: dict[int, dict] = {}
    for name, ordinal, period in zip(names, ordinals, periods):
        key = ordinal // size * size
        words = _num(period.get("words")) or 0
        counts = period.get("by_category") if isinstance(period.get("by_category"), dict) else None
        rates = period.get("per_1000_words") if isinstance(period.get("per_1000_words"), dict) else {}
        slot = pooled.setdefault(key, {"name": name, "words": 0.0, "articles": 0.0, "counts": {c: 0.0 for c in CATEGORIES}, "rates": {}})
        slot["words"] += words
        slot["articles"] += _num(period.get("articles")) or 0
        for category in CATEGORIES:
            count = _num(counts.get(category)) if counts is not None else None
            if count is None:
                # No counts given: recover them from the rate, which is per 1,000 of these words.
                count = (_num(rates.get(category)) or 0) * words / 1000
            slot["counts"][category] += count
            slot["rates"][category] = _num(rates.get(category))
    keys = sorted(pooled)
    series_rates: dict[str, list] = {c: [] for c in CATEGORIES}
    for key in keys:
        slot = pooled[key]
        for category in CATEGORIES:
            if not slot["words"]:
                # A period with no words has no rate at all, not a rate of zero.
                series_rates[category].append(None)
            elif size == 1 and slot["rates"].get(category) is not None:
                series_rates[category].append(slot["rates"][category])  # the scan's own figure, unchanged
            else:
                series_rates[category].append(slot["counts"][category] * 1000 / slot["words"])
    return _Series(
        names=[pooled[k]["name"] for k in keys],
        ordinals=keys,
        positional=positional,
        size=size,
        words=[pooled[k]["words"] for k in keys],
        articles=[pooled[k]["articles"] for k in keys],
        rates=series_rates,
    )


def _y_scale(series: _Series) -> tuple[float, float]:
    """(top of the axis, tick step), scaled to the points that rest on enough words.

    A month of one 120-word article with two findings reads 16 per 1,000 and
    would flatten every other month; such thin points are drawn at the top
    edge, marked as off the scale, instead of setting the scale.
    """
    words = sorted(w for w in series.words if w)
    median = words[len(words) // 2] if words else 0
    enough = max(THIN_PERIOD_WORDS, median * THIN_PERIOD_SHARE)
    values = [v for c in CATEGORIES for w, v in zip(series.words, series.rates[c]) if v is not None and w >= enough]
    if not values:
        values = [v for c in CATEGORIES for v in series.rates[c] if v is not None]
    peak = max(values, default=0) or 0
    step = _nice_step(peak) if peak > 0 else 0.25
    return step * max(1, math.ceil(peak / step - 1e-9)), step


def _off_scale(series: _Series, y_max: float) -> int:
    return sum(1 for c in CATEGORIES for v in series.rates[c] if v is not None and v > y_max + 1e-9)


def _off_scale_note(series: _Series) -> str:
    y_max, _ = _y_scale(series)
    count = _off_scale(series, y_max)
    if not count:
        return ""
    return (
        f'<p class="note" id="off-scale">{count:,} point{"s" if count > 1 else ""} above the scale, from periods with few words, '
        "sit on the top edge as open markers with their value; the table below has every figure.</p>\n"
    )


def _time_chart(series: _Series, unit) -> str:
    ordinals, names, positional = series.ordinals, series.names, series.positional
    first, last = ordinals[0], ordinals[-1]
    span = max(last - first, 1)

    width, left, right = 960, 64, 20
    top, plot_h = 16, 250
    volume_top, volume_h = top + plot_h + 52, 60
    height = volume_top + volume_h + 34
    plot_w = width - left - right
    slots = (last - first) / series.size + 1
    bar_w = max(1.0, min(18.0, plot_w / slots * 0.7))
    # Half a bar of room at each end, so the first and last bars stay inside the axes.
    inset = bar_w / 2 + 3
    inner_w = plot_w - 2 * inset

    def x_of(ordinal: int) -> float:
        if last == first:
            return left + plot_w / 2
        return left + inset + (ordinal - first) / span * inner_w

    y_max, y_step = _y_scale(series)

    def y_of(value: float) -> float:
        return top + plot_h - min(value, y_max) / y_max * plot_h

    out = [
        f'<svg id="chart-over-time" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-over-time-title" preserveAspectRatio="xMidYMid meet">',
        '<title id="chart-over-time-title">Findings per 1,000 words by category, per period, and articles per period</title>',
    ]
    ticks = int(round(y_max / y_step))
    for i in range(ticks + 1):
        value = i * y_step
        y = y_of(value)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{left - 8}" y="{y + 4:.1f}" class="tick" text-anchor="end">{_esc(_tick_text(value, y_step))}</text>')
    out.append(
        f'<text x="14" y="{top + plot_h / 2:.1f}" class="axis-label" text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot_h / 2:.1f})">per 1,000 words</text>'
    )
    # x labels thinned to about one per 80 px; a label step is a whole number of pooled points
    max_labels = max(2, plot_w // 80)
    if positional:
        step = _label_step(span / series.size, None, max_labels) * series.size
    else:
        step = _label_step(span, unit, max_labels)
        while step % series.size:
            step += 1
    label_year_only = unit == "month" and not positional and step >= 12
    for ordinal, name in zip(ordinals, names):
        if (ordinal - first if positional else ordinal) % step:
            continue
        x = x_of(ordinal)
        text = name[:4] if label_year_only else name
        out.append(f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 5}" class="axis"/>')
        out.append(f'<text x="{x:.1f}" y="{top + plot_h + 20}" class="tick xlabel" text-anchor="middle">{_esc(text)}</text>')
    if step > series.size and not positional and len(ordinals) <= MAX_MARKED_PERIODS:
        # Points between the labelled ones still get a small tick while there are few.
        for ordinal in ordinals:
            if ordinal % step:
                x = x_of(ordinal)
                out.append(f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 2.5}" class="axis minor"/>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" class="axis"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" class="axis"/>')

    marked = len(ordinals) <= MAX_MARKED_PERIODS
    labelled_off_scale = _off_scale(series, y_max) <= MAX_OFF_SCALE_LABELS
    off_scale_rows: dict[int, int] = {}
    for category in CATEGORIES:
        segments, current, prev = [], [], None
        for ordinal, value in zip(ordinals, series.rates[category]):
            gap = prev is not None and not positional and ordinal - prev > series.size
            if value is None or gap:
                if current:
                    segments.append(current)
                current = []
            if value is not None:
                current.append((x_of(ordinal), y_of(value), value))
            prev = ordinal
        if current:
            segments.append(current)
        d = " ".join("M" + " L".join(f"{x:.1f} {y:.1f}" for x, y, _ in seg) for seg in segments)
        dash = CATEGORY_DASH[category]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<g class="series" data-category="{category}">')
        out.append(f"<title>{category}</title>")
        if d:
            out.append(f'<path d="{d}" class="series-line line-{category}" fill="none" stroke-width="2.2"{dash_attr}/>')
        for seg in segments:
            for x, y, value in seg:
                if value > y_max + 1e-9:
                    out.append(_marker(category, x, y, off_scale=True))
                    if labelled_off_scale:
                        # Categories off the scale in the same period stack their values.
                        row = off_scale_rows.get(round(x), 0)
                        off_scale_rows[round(x)] = row + 1
                        label = f"{category} {_rate_text(value)}"
                        near_end = x > width - right - 120
                        lx, anchor = (x - 7, "end") if near_end else (x + 7, "start")
                        out.append(
                            f'<text x="{lx:.1f}" y="{y + 12 + 13 * row:.1f}" class="tick off-scale" text-anchor="{anchor}">{_esc(label)}</text>'
                        )
                elif marked or len(seg) == 1:
                    # A lone point has no line to show it; few points are each marked.
                    out.append(_marker(category, x, y))
        out.append("</g>")

    most = max(series.articles, default=0) or 1
    out.append('<g class="volume">')
    for ordinal, count in zip(ordinals, series.articles):
        h = count / most * volume_h
        if h:
            out.append(
                f'<rect x="{x_of(ordinal) - bar_w / 2:.1f}" y="{volume_top + volume_h - h:.1f}" '
                f'width="{bar_w:.1f}" height="{h:.1f}" class="vol"/>'
            )
    out.append("</g>")
    unit_name = unit if unit in ("month", "year") and not positional else "period"
    per = f"{series.size} {unit_name}s" if series.size > 1 else unit_name
    out.append(f'<line x1="{left}" y1="{volume_top + volume_h}" x2="{width - right}" y2="{volume_top + volume_h}" class="axis"/>')
    out.append(f'<text x="{left - 8}" y="{volume_top + 10}" class="tick" text-anchor="end">{_esc(_int_text(most))}</text>')
    out.append(f'<text x="{left - 8}" y="{volume_top + volume_h + 4}" class="tick" text-anchor="end">0</text>')
    out.append(f'<text x="{left + 6}" y="{volume_top - 8}" class="axis-label">articles per {_esc(per)}</text>')
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" class="axis-label" text-anchor="middle">{_esc(unit_name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _tick_text(value: float, step: float) -> str:
    # Steps are 1, 2, 2.5 or 5 times a power of ten; rounding drops float noise.
    return f"{round(value, 6):g}"


def _period_table(periods: list[dict], unit_label: str) -> str:
    shown = periods[:MAX_PERIOD_TABLE_ROWS]
    rows = []
    for period in shown:
        counts = period.get("by_category") if isinstance(period.get("by_category"), dict) else {}
        rates = period.get("per_1000_words") if isinstance(period.get("per_1000_words"), dict) else {}
        cells = "".join(
            f'<td class="num">{_int_text(counts.get(c, 0))}</td><td class="num">{_rate_text(rates.get(c, 0))}</td>' for c in CATEGORIES
        )
        rows.append(
            f"<tr><th scope=\"row\">{_esc(period.get('period'))}</th><td class=\"num\">{_int_text(period.get('articles'))}</td>"
            f"<td class=\"num\">{_int_text(period.get('words'))}</td>{cells}</tr>"
        )
    more = ""
    if len(periods) > len(shown):
        more = f'<p class="note">The first {len(shown):,} of {len(periods):,} periods; summary.json has them all.</p>'
    head_cats = "".join(f'<th scope="col" class="num">{c}</th><th scope="col" class="num">per 1,000</th>' for c in CATEGORIES)
    return (
        f"<details class=\"period-table\"><summary>The figures per {_esc(unit_label)} as a table</summary>\n"
        f'<div class="scroll"><table class="compact"><thead><tr><th scope="col">{_esc(unit_label.capitalize())}</th>'
        f'<th scope="col" class="num">Articles</th><th scope="col" class="num">Words</th>{head_cats}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>"
        + more
        + "</details>"
    )


# ---------------------------------------------------------------- top rules


def _rules_section(summary: dict) -> str:
    rules = [r for r in _list(summary.get("by_rule")) if isinstance(r, dict)]
    if not rules:
        return '<section id="rules">\n<h2>Top rules</h2>\n<p class="empty">No rule fired.</p>\n</section>'
    rules = sorted(rules, key=lambda r: -(_num(r.get("count")) or 0))
    shown, rest = rules[:TOP_RULES], rules[TOP_RULES:]
    most = max(_num(r.get("count")) or 0 for r in shown) or 1
    total = sum(_num(r.get("count")) or 0 for r in rules) or 0
    rows = []
    for rank, rule in enumerate(shown, 1):
        count = _num(rule.get("count")) or 0
        category = rule.get("category")
        cls = _category_class(category)
        bar = (
            f'<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
            f'<rect x="0" y="0" width="{count / most * 100:.2f}" height="10" class="fill-{cls}"/></svg>'
        )
        share = f"{count / total:.0%}" if total else "–"
        rows.append(
            f'<tr><td class="num">{rank}</td><td class="rule"><code>{_esc(rule.get("rule"))}</code> '
            f'<span class="rule-name">{_esc(rule.get("name"))}</span></td><td>{_category_badge(category)}</td>'
            f'<td class="num">{_int_text(count)}</td><td class="num wide-only">{share}</td><td class="bar-cell">{bar}</td></tr>'
        )
    more = ""
    if rest:
        rest_count = sum(_num(r.get("count")) or 0 for r in rest)
        more = f'<p class="note" id="more-rules">and {len(rest):,} more rules with {_int_text(rest_count)} findings between them (summary.json lists every rule).</p>'
    return (
        '<section id="rules">\n<h2>Top rules</h2>\n'
        '<div class="scroll"><table class="rules"><thead><tr><th scope="col" class="num">#</th><th scope="col">Rule</th>'
        '<th scope="col">Category</th><th scope="col" class="num">Findings</th>'
        '<th scope="col" class="num wide-only">Share</th><th scope="col" class="bar-cell"><span class="sr-only">Bar</span></th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>\n"
        + more
        + "\n</section>"
    )


# ---------------------------------------------------------------- top articles


def locate_trigger(sentence: str, text: str, start) -> tuple[int, int] | None:
    """Where `text` sits in `sentence` as (start, end), trusting `start` only when it fits.

    The scan gives `start` in Python characters; -1, a wrong offset or a
    trigger whose whitespace differs from the sentence's falls back to a search.
    """
    if not sentence or not text:
        return None
    offset = _num(start)
    if offset is not None and offset >= 0 and int(offset) == offset:
        begin = int(offset)
        if sentence[begin : begin + len(text)] == text:
            return begin, begin + len(text)
    found = sentence.find(text)
    if found >= 0:
        return found, found + len(text)
    words = text.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, sentence) or re.search(pattern, sentence, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _clip_sentence(sentence: str, span: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None, bool, bool]:
    # A "sentence" from badly segmented text can be a whole article; keep a
    # window around the trigger so one record cannot swamp the page.
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return sentence, span, False, False
    half = MAX_SENTENCE_CHARS // 2
    centre = span[0] if span else 0
    lo = max(0, centre - half)
    hi = min(len(sentence), lo + MAX_SENTENCE_CHARS)
    if span and span[1] > hi:
        hi = span[1]
    clipped = sentence[lo:hi]
    new_span = (span[0] - lo, span[1] - lo) if span else None
    return clipped, new_span, lo > 0, hi < len(sentence)


def edit_position(original: str, preview: str) -> int | None:
    """Where in `original` the first word a suggestion changes begins, or None."""
    words = list(re.finditer(r"\S+", original))
    new = preview.split()
    if not words or not new or [w.group() for w in words] == new:
        return None
    head = 0
    while head < min(len(words), len(new)) and words[head].group() == new[head]:
        head += 1
    return words[head].start() if head < len(words) else len(original)


def _occurrence_the_edit_touches(sentence: str, span, flag: dict) -> tuple[int, int] | None:
    # A trigger that occurs twice ("beyond question that ... and beyond question
    # that ...") may come with the offset of its first occurrence; the
    # suggestion's rewrite shows which one the finding is about.
    if span is None:
        return None
    text = sentence[span[0] : span[1]]
    occurrences = [m.start() for m in re.finditer(re.escape(text), sentence)]
    if len(occurrences) < 2:
        return None
    for suggestion in _list(flag.get("suggestions")):
        if not isinstance(suggestion, dict) or not suggestion.get("preview"):
            continue
        where = edit_position(sentence, str(suggestion["preview"]))
        if where is None:
            continue
        for occ in occurrences:
            if occ <= where <= occ + len(text):
                return occ, occ + len(text)
    return None


def _highlighted_sentence(flag: dict) -> str:
    sentence = str(flag.get("sentence") or "")
    text = str(flag.get("text") or "")
    category = flag.get("category")
    cls = _category_class(category)
    span = locate_trigger(sentence, text, flag.get("start", -1))
    span = _occurrence_the_edit_touches(sentence, span, flag) or span
    sentence, span, cut_left, cut_right = _clip_sentence(sentence, span)
    before = "… " if cut_left else ""
    after = " …" if cut_right else ""
    if not sentence:
        return f'<p class="sentence missing">(no sentence recorded) trigger: <mark class="hl hl-{cls}">{_esc(text)}</mark></p>'
    if span is None:
        trigger = f' <span class="note">trigger not found in the sentence: <mark class="hl hl-{cls}">{_esc(text)}</mark></span>' if text else ""
        return f'<p class="sentence">{before}{_esc(sentence)}{after}{trigger}</p>'
    lo, hi = span
    return (
        f'<p class="sentence">{before}{_esc(sentence[:lo])}'
        f'<mark class="hl hl-{cls}" title="{_esc(category)} trigger">{_esc(sentence[lo:hi])}</mark>'
        f"{_esc(sentence[hi:])}{after}</p>"
    )


def changed_span(original: str, preview: str) -> tuple[int, int] | None:
    """The words of `preview` that differ from `original`, as (start, end) in preview.

    Compared word by word (whitespace-separated, as previews are collapsed):
    the words both share at the start and at the end are unchanged, the rest
    is the edit. Searching the preview for the replacement instead would mark
    the first "may" or "A" in the sentence, not the one the edit put there.
    None for a pure deletion.
    """
    old = original.split()
    new = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", preview)]
    if not old or not new:
        return None
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head][2]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail][2]:
        tail += 1
    changed = new[head : len(new) - tail]
    return (changed[0][0], changed[-1][1]) if changed else None


def _suggestion_preview(suggestion: dict, sentence: str) -> str:
    """The rewritten sentence with what the edit changed marked, or the bare replacement."""
    preview = str(suggestion.get("preview") or "")
    replacement = str(suggestion.get("replacement") or "")
    if not preview:
        return f'<span class="preview"><ins class="fix">{_esc(replacement)}</ins></span>' if replacement else ""
    span = changed_span(sentence, preview)
    if span is None:
        # A dropped trigger leaves nothing to mark; the sentence says it all.
        return f'<span class="preview">{_esc(preview)}</span>'
    lo, hi = span
    return f'<span class="preview">{_esc(preview[:lo])}<ins class="fix">{_esc(preview[lo:hi])}</ins>{_esc(preview[hi:])}</span>'


def _flag_item(flag: dict) -> str:
    category = flag.get("category")
    where = []
    if _num(flag.get("line")) is not None:
        where.append(f"line {_int_text(flag.get('line'))}")
    if _num(flag.get("column")) is not None:
        where.append(f"col {_int_text(flag.get('column'))}")
    severity = flag.get("severity")
    head = (
        f'<div class="flag-head">{_category_badge(category)} <code>{_esc(flag.get("rule"))}</code>'
        + (f' <span class="sev sev-{_esc(severity) if severity in ("error", "warning", "info") else "other"}">{_esc(severity)}</span>' if severity else "")
        + (f' <span class="where">{_esc(", ".join(where))}</span>' if where else "")
        + "</div>"
    )
    message = f'<p class="message">{_esc(flag.get("message"))}</p>' if flag.get("message") else ""
    suggestions = [s for s in _list(flag.get("suggestions")) if isinstance(s, dict)]
    suggestion_html = ""
    if suggestions:
        items = []
        for suggestion in suggestions[:3]:
            safe = suggestion.get("safe")
            tag = '<span class="safe">safe</span>' if safe is True else '<span class="unsafe">check by hand</span>'
            items.append(f"<li>{_suggestion_preview(suggestion, str(flag.get('sentence') or ''))} {tag}</li>")
        if len(suggestions) > 3:
            items.append(f'<li class="note">and {len(suggestions) - 3} more in findings.jsonl</li>')
        suggestion_html = '<div class="suggestions"><span class="label">Suggested</span><ul>' + "".join(items) + "</ul></div>"
    return f'<li class="flag cat-line-{_category_class(category)}">{head}{_highlighted_sentence(flag)}{message}{suggestion_html}</li>'


def _flag_list(flags: list[dict]) -> str:
    if not flags:
        return '<p class="empty">No flagged sentence recorded.</p>\n'
    first, rest = flags[:OPEN_FLAGS_PER_ARTICLE], flags[OPEN_FLAGS_PER_ARTICLE:]
    html = '<ol class="flags">\n' + "\n".join(_flag_item(f) for f in first) + "\n</ol>\n"
    if rest:
        html += (
            f'<details class="more-flags"><summary>{len(rest)} more flagged sentence{"s" if len(rest) > 1 else ""}</summary>\n'
            f'<ol class="flags" start="{len(first) + 1}">\n' + "\n".join(_flag_item(f) for f in rest) + "\n</ol>\n</details>\n"
        )
    return html


def _articles_section(articles: list[dict]) -> str:
    if not articles:
        return '<section id="articles">\n<h2>Articles with most findings</h2>\n<p class="empty">No article has a finding.</p>\n</section>'
    index_rows, cards = [], []
    for rank, article in enumerate(articles, 1):
        anchor = f"a-{rank}"
        ident = article.get("id")
        title = article.get("title") or ident or "(untitled)"
        counts = article.get("by_category") if isinstance(article.get("by_category"), dict) else {}
        cat_text = " ".join(
            f'{_category_badge(c)}&nbsp;{_int_text(counts.get(c, 0))}' for c in CATEGORIES if _num(counts.get(c))
        )
        index_rows.append(
            f'<tr><td class="num">{rank}</td><td><a href="#{anchor}">{_esc(title)}</a></td>'
            f'<td class="date">{_esc(article.get("date") or "–")}</td><td class="num">{_int_text(article.get("findings"))}</td>'
            f'<td class="num wide-only">{_rate_text(article.get("per_1000_words"))}</td></tr>'
        )
        flagged = [f for f in _list(article.get("flagged")) if isinstance(f, dict)]
        shown = flagged[:MAX_FLAGGED_PER_ARTICLE]
        more = ""
        if len(flagged) > len(shown):
            more = f'<p class="note">and {len(flagged) - len(shown):,} more findings in findings.jsonl</p>'
        facts = [
            f"<code class=\"article-id\">{_esc(ident)}</code>" if ident else "",
            _esc(article.get("date")) if article.get("date") else "undated",
            f"{_int_text(article.get('words'))} words",
            f"{_int_text(article.get('findings'))} findings",
            f"{_rate_text(article.get('per_1000_words'))} per 1,000 words",
        ]
        cards.append(
            f'<article class="card" id="{anchor}">\n<h3><span class="rank">{rank}.</span> <span class="article-title">{_esc(title)}</span></h3>\n'
            f'<p class="facts">{" · ".join(f for f in facts if f)}</p>\n'
            + (f'<p class="cats">{cat_text}</p>\n' if cat_text else "")
            + _flag_list(shown)
            + more
            + "</article>"
        )
    return (
        '<section id="articles">\n<h2>Articles with most findings</h2>\n'
        '<div class="scroll"><table class="compact index"><thead><tr><th scope="col" class="num">#</th><th scope="col">Article</th>'
        '<th scope="col">Date</th><th scope="col" class="num">Findings</th><th scope="col" class="num wide-only">Per 1,000</th></tr></thead>\n<tbody>\n'
        + "\n".join(index_rows)
        + "\n</tbody></table></div>\n"
        + "\n".join(cards)
        + "\n</section>"
    )


def _footer(summary: dict) -> str:
    version = summary.get("hedgelint")
    made = f"hedgelint {_esc(version)}" if version else "hedgelint"
    return (
        f'<footer><p>Made by {made}. This page is self-contained: it loads nothing from the network and runs no script. '
        "Every figure comes from summary.json; findings.jsonl and articles.csv beside it hold the full records.</p></footer>"
    )


_CSS = (
    ":root { --fg: #1d1d1f; --muted: #5a5a60; --line: #d8d8de; --bg: #ffffff; --panel: #f6f6f8; "
    + " ".join(f"--{c}: {colour};" for c, colour in CATEGORY_COLOURS.items())
    + f" --other: {OTHER_COLOUR}; }}\n"
    + r"""
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 20px 20px 40px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 4px; overflow-wrap: anywhere; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; overflow-wrap: anywhere; }
.meta, .note, .facts, .where { color: var(--muted); }
.note { font-size: 0.9rem; margin: 6px 0; }
.empty { color: var(--muted); font-style: italic; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
.figure { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; min-width: 0; }
.figure .label { display: block; font-size: 0.8rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
.figure .value { display: block; font-size: 1.45rem; font-weight: 650; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.figure .note { display: block; font-size: 0.78rem; margin: 0; }
.figure.warn { border-color: #b3261e; background: #fdf0ef; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
thead th { font-size: 0.82rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.compact { width: auto; min-width: 50%; }
table.index { width: 100%; }
table.index td:nth-child(2) { overflow-wrap: anywhere; }
td.date, tbody th[scope="row"] { white-space: nowrap; }
td.rule code { white-space: nowrap; margin-right: 4px; }
.rule-name { overflow-wrap: anywhere; }
.bar-cell { width: 30%; min-width: 80px; }
svg.bar { display: block; width: 100%; height: 12px; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 650; line-height: 1.4; padding: 0 6px; border-radius: 4px;
  color: #fff; white-space: nowrap; }
.badge.cat-forecast { background: var(--forecast); }
.badge.cat-unverified { background: var(--unverified); }
.badge.cat-certainty { background: var(--certainty); }
.badge.cat-other { background: var(--other); }
.fill-forecast { fill: var(--forecast); } .fill-unverified { fill: var(--unverified); }
.fill-certainty { fill: var(--certainty); } .fill-other { fill: var(--other); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 0; margin: 8px 0; }
.legend li { display: flex; align-items: center; gap: 6px; }
.chart-wrap svg { display: block; width: 100%; min-width: 700px; height: auto; }
.grid { stroke: #ececf0; stroke-width: 1; }
.axis { stroke: #8a8a90; stroke-width: 1; }
.axis.minor { stroke: #b8b8be; }
.tick { font-size: 13.5px; fill: var(--muted); }
.axis-label { font-size: 14px; fill: var(--fg); font-weight: 600; }
.line-forecast { stroke: var(--forecast); } .line-unverified { stroke: var(--unverified); } .line-certainty { stroke: var(--certainty); }
.mark-forecast { fill: var(--forecast); } .mark-unverified { fill: var(--unverified); } .mark-certainty { fill: var(--certainty); }
.vol { fill: #a9a9b3; }
.off-scale.mark-forecast, .off-scale.mark-unverified, .off-scale.mark-certainty { fill: #fff; stroke-width: 2; }
.off-scale.mark-forecast { stroke: var(--forecast); } .off-scale.mark-unverified { stroke: var(--unverified); }
.off-scale.mark-certainty { stroke: var(--certainty); }
text.off-scale { font-size: 12px; }
details.period-table { margin-top: 10px; }
details.period-table summary { cursor: pointer; color: var(--muted); }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; margin: 16px 0; background: #fff; }
.card .rank { color: var(--muted); }
.facts { font-size: 0.9rem; margin: 0 0 6px; overflow-wrap: anywhere; }
.cats { margin: 0 0 8px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; }
ol.flags { list-style: none; padding: 0; margin: 0; }
.flag { border-left: 4px solid var(--other); padding: 6px 0 8px 12px; margin: 10px 0; }
.flag.cat-line-forecast { border-left-color: var(--forecast); }
.flag.cat-line-unverified { border-left-color: var(--unverified); border-left-style: dashed; }
.flag.cat-line-certainty { border-left-color: var(--certainty); border-left-style: dotted; }
.flag-head { font-size: 0.85rem; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; }
.sentence { margin: 4px 0; font-size: 1rem; overflow-wrap: anywhere; }
mark.hl { color: inherit; padding: 0 2px; border-radius: 3px; text-decoration-line: underline; text-decoration-thickness: 2px;
  text-underline-offset: 3px; }
mark.hl-forecast { background: #fde3d1; text-decoration-color: var(--forecast); }
mark.hl-unverified { background: #d5e8f6; text-decoration-color: var(--unverified); text-decoration-style: dashed; }
mark.hl-certainty { background: #d4efe4; text-decoration-color: var(--certainty); text-decoration-style: dotted; }
mark.hl-other { background: #e6e6e6; }
.message { margin: 2px 0; color: var(--muted); font-size: 0.92rem; }
.suggestions { font-size: 0.92rem; margin-top: 4px; }
.suggestions .label { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
.suggestions ul { margin: 0; padding: 0; list-style: none; }
.suggestions li::before { content: "\2192\00a0"; color: var(--muted); }
.preview { overflow-wrap: anywhere; }
ins.fix { text-decoration: none; font-weight: 650; background: #ededf1; border-radius: 3px; padding: 0 2px; }
details.more-flags > summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
.swipe-hint { display: none; }
.safe, .unsafe { font-size: 0.75rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; white-space: nowrap; }
.safe { color: #1b6e3a; border-color: #9ccfae; }
.unsafe { color: #8a4b00; border-color: #e3c08f; }
.sev { font-size: 0.75rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; }
.sev-error { color: #b3261e; border-color: #e8a8a3; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 40px; font-size: 0.85rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: 10px; }
@media (max-width: 560px) {
  main { padding: 12px 12px 32px; }
  .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .figure .value { font-size: 1.2rem; }
  .card { padding: 12px; }
  th, td { padding: 4px 6px; }
  .bar-cell, .wide-only { display: none; }
  .swipe-hint { display: block; }
}
""".strip()
)
