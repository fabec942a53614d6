"""report.html: structure, escaping of untrusted text, empty and huge scans, and the rendered page in Chromium."""

from __future__ import annotations

import base64
import hashlib
import random
import re
from html.parser import HTMLParser

import pytest

from linter.core.finding import CATEGORIES
from linter.archive.report import TOP_RULES, changed_span, locate_trigger, render_report

# ---------------------------------------------------------------- synthetic scan data

RULES = [
    ("HL101", "regime-collapse", "forecast", "States a regime's collapse as certain."),
    ("HL102", "regime-ouster", "forecast", "States a leader's or regime's removal from power as certain."),
    ("HL103", "regime-doomed", "forecast", "Declares a regime doomed or finished as a matter of fact."),
    ("HL104", "collapse-inevitable", "forecast", "Calls a regime's collapse inevitable or imminent."),
    ("HL105", "endgame-idiom", "forecast", "Uses an endgame idiom as a forecast of a regime's fall."),
    ("HL106", "regime-survival", "forecast", "States as certain whether a regime will survive."),
    ("HL107", "regime-never-falls", "forecast", "States as certain that a regime will never fall."),
    ("HL108", "regime-rules-forever", "forecast", "States as certain that a regime will rule for decades."),
    ("HL201", "unverified-execution", "unverified", "States an execution as fact without a source."),
    ("HL202", "unverified-purge", "unverified", "States a purge or secret removal as fact without a source."),
    ("HL203", "unverified-defection", "unverified", "States a defection or escape as fact without a source."),
    ("HL204", "unverified-illness", "unverified", "States a leader's illness as fact without a source."),
    ("HL205", "unverified-arrest", "unverified", "States a secret arrest as fact without a source."),
    ("HL206", "unverified-death", "unverified", "States a death in custody as fact without a source."),
    ("HL301", "proof-claim", "certainty", "Presents an observation as proof."),
    ("HL302", "booster-adverb", "certainty", "Boosts an inference with an adverb of certainty."),
    ("HL303", "no-doubt", "certainty", "Rules out doubt the evidence cannot rule out."),
    ("HL304", "everyone-knows", "certainty", "Appeals to what everyone knows instead of evidence."),
    ("HL305", "sure-sign", "certainty", "Calls an observation a sure sign or proof."),
    ("HL306", "certainty-idiom", "certainty", "Asks the reader to take a claim on the writer's certainty."),
]

# (rule, sentence, trigger, replacement, hedged sentence); written for these tests.
SENTENCES = [
    ("HL101", "The junta will collapse before the monsoon.", "will collapse", "could collapse",
     "The junta could collapse before the monsoon."),
    ("HL101", "Analysts in Seoul agree that Kim Jŏng-ŭn’s regime will collapse within a year.", "will collapse",
     "may collapse", "Analysts in Seoul agree that Kim Jŏng-ŭn’s regime may collapse within a year."),
    ("HL102", "Lukashenka is going to be ousted by spring.", "is going to be ousted", "could be ousted",
     "Lukashenka could be ousted by spring."),
    ("HL103", "The clerics in Tehran are finished.", "are finished", "may be finished", "The clerics in Tehran may be finished."),
    ("HL104", "The fall of the Kremlin’s inner circle is inevitable.", "is inevitable", "is possible",
     "The fall of the Kremlin’s inner circle is possible."),
    ("HL105", "For the generals in Naypyidaw, the end is near.", "the end is near", "the end may be near",
     "For the generals in Naypyidaw, the end may be near."),
    ("HL106", "The regime will not survive another winter of shortages.", "will not survive", "may not survive",
     "The regime may not survive another winter of shortages."),
    ("HL107", "Whatever the sanctions, Pyongyang will never fall.", "will never fall", "seems unlikely to fall",
     "Whatever the sanctions, Pyongyang seems unlikely to fall."),
    ("HL108", "The dynasty will rule for decades to come.", "will rule for decades", "could rule for decades",
     "The dynasty could rule for decades to come."),
    ("HL201", "The former defence minister was executed by anti-aircraft fire in April.", "was executed",
     "was reportedly executed", "The former defence minister was reportedly executed by anti-aircraft fire in April."),
    ("HL202", "Three vice-premiers were purged at the plenum — «quietly», as usual.", "were purged",
     "were reportedly purged", "Three vice-premiers were reportedly purged at the plenum — «quietly», as usual."),
    ("HL203", "A senior diplomat defected to the South last month.", "defected", "reportedly defected",
     "A senior diplomat reportedly defected to the South last month."),
    ("HL204", "The supreme leader is gravely ill after heart surgery.", "is gravely ill", "is said to be gravely ill",
     "The supreme leader is said to be gravely ill after heart surgery."),
    ("HL205", "The editor was secretly arrested in Minsk.", "was secretly arrested", "was reportedly arrested",
     "The editor was reportedly arrested in Minsk."),
    ("HL206", "Two protesters died in custody in Évin prison.", "died in custody", "reportedly died in custody",
     "Two protesters reportedly died in custody in Évin prison."),
    ("HL301", "The parade clearly proves that the army is loyal.", "clearly proves", "suggests",
     "The parade suggests that the army is loyal."),
    ("HL302", "The missile test was undoubtedly a message to Washington.", "undoubtedly", "probably",
     "The missile test was probably a message to Washington."),
    ("HL303", "There is no doubt that the purge has begun.", "There is no doubt", "It seems likely",
     "It seems likely that the purge has begun."),
    ("HL304", "Everyone knows the vote was rigged.", "Everyone knows", "Observers widely believe",
     "Observers widely believe the vote was rigged."),
    ("HL305", "The empty shelves are a sure sign of collapse.", "a sure sign", "a possible sign",
     "The empty shelves are a possible sign of collapse."),
    ("HL306", "Make no mistake: the election was stolen.", "Make no mistake", "Many observers think",
     "Many observers think: the election was stolen."),
]

HOSTILE_TITLE = "</title><script>window.pwned = 1</script><b>Bold?</b>"
HOSTILE_ID = 'x" onmouseover="window.pwned=2" data-x="'
HOSTILE_SENTENCE = 'The <img src=x onerror="window.pwned=3"> regime will collapse & "fall".'
HOSTILE_RULE = '<script>window.pwned=4</script>'


def _rule_meta(rule_id: str):
    return next(r for r in RULES if r[0] == rule_id)


def _flag(entry, rng: random.Random, start_known: bool = True) -> dict:
    rule_id, sentence, trigger, replacement, preview = entry
    _, _, category, message = _rule_meta(rule_id)
    start = sentence.index(trigger) if start_known else -1
    return {
        "rule": rule_id,
        "category": category,
        "severity": "warning" if category != "certainty" else "info",
        "message": message,
        "line": rng.randint(1, 40),
        "column": rng.randint(1, 70),
        "sentence": sentence,
        "text": trigger,
        "start": start,
        "suggestions": [{"replacement": replacement, "preview": preview, "safe": rng.random() < 0.6}],
    }


def build_report_data(seed: int = 10, months: int = 40, articles: int = 25, hostile: bool = True):
    """A realistic summary.json and top articles: ~40 months, 20 rules, 25 articles."""
    rng = random.Random(seed)
    by_period = []
    totals = {c: 0 for c in CATEGORIES}
    total_words = total_articles = 0
    year, month = 2019, 1
    for i in range(months):
        # Two empty months make a gap the chart has to show as a gap.
        if i not in (17, 18):
            n_articles = rng.randint(40, 110)
            words = n_articles * rng.randint(550, 900)
            # A crisis in the middle of the range lifts forecasts for a while.
            lift = 2.5 if 24 <= i <= 29 else 1.0
            counts = {
                "forecast": int(words / 1000 * rng.uniform(0.08, 0.2) * lift),
                "unverified": int(words / 1000 * rng.uniform(0.05, 0.14)),
                "certainty": int(words / 1000 * rng.uniform(0.03, 0.09)),
            }
            by_period.append(
                {
                    "period": f"{year:04d}-{month:02d}",
                    "articles": n_articles,
                    "words": words,
                    "by_category": counts,
                    "per_1000_words": {c: round(counts[c] * 1000 / words, 3) for c in CATEGORIES},
                }
            )
            for c in CATEGORIES:
                totals[c] += counts[c]
            total_words += words
            total_articles += n_articles
        month += 1
        if month == 13:
            year, month = year + 1, 1
    findings = sum(totals.values())
    weights = [rng.uniform(0.3, 3) for _ in RULES]
    by_rule = []
    per_category_weight = {c: sum(w for w, r in zip(weights, RULES) if r[2] == c) for c in CATEGORIES}
    for weight, (rule_id, name, category, _) in zip(weights, RULES):
        by_rule.append(
            {"rule": rule_id, "name": name, "category": category,
             "count": max(1, round(totals[category] * weight / per_category_weight[category]))}
        )
    by_rule.sort(key=lambda r: -r["count"])
    if hostile:
        by_rule[-1]["name"] = HOSTILE_RULE
    summary = {
        "version": 1,
        "hedgelint": "0.2.0",
        "inputs": ["archive/2019-2022.jsonl", "archive/extra/*.md"],
        "started": "2026-12-03T15:00:00Z",
        "seconds": 74.6,
        "prefilter": True,
        "jobs": 2,
        "articles": total_articles + 12,
        "articles_from_cache": 1830,
        "words": total_words + 9000,
        "findings": findings,
        "errors": 2,
        "by_category": totals,
        "per_1000_words": {c: round(totals[c] * 1000 / (total_words + 9000), 3) for c in CATEGORIES},
        "by_rule": by_rule,
        "period_unit": "month",
        "by_period": by_period,
        "undated_articles": 12,
    }
    top = []
    desks = ["bbc/world/asia", "wire/europe", "desk/middle-east", "desk/korea", "weekly/analysis"]
    for rank in range(articles):
        n_flags = max(2, 14 - rank // 2 + rng.randint(-1, 1))
        flagged = [_flag(rng.choice(SENTENCES), rng, start_known=rng.random() < 0.7) for _ in range(n_flags)]
        flagged.sort(key=lambda f: (f["line"], f["column"]))
        counts = {c: sum(1 for f in flagged if f["category"] == c) for c in CATEGORIES}
        words = rng.randint(450, 2400)
        period = rng.choice(by_period)["period"]
        article = {
            "id": f"{rng.choice(desks)}/{rank:03d}",
            "title": rng.choice([
                "Inside the palace: who really runs the country now",
                "Sanctions, shortages and the slow unravelling of a dynasty",
                "After the plenum, a quiet purge",
                "Why the generals will not let go",
                None,
            ]),
            "date": f"{period}-{rng.randint(1, 28):02d}",
            "words": words,
            "findings": n_flags,
            "per_1000_words": round(n_flags * 1000 / words, 1),
            "by_category": counts,
            "flagged": flagged,
        }
        top.append(article)
    top.sort(key=lambda a: -a["findings"])  # as the scan hands them over
    if hostile:
        top[1]["title"] = HOSTILE_TITLE
        top[2]["id"] = HOSTILE_ID
        top[3]["flagged"][0].update(sentence=HOSTILE_SENTENCE, text="will collapse", start=-1, message=HOSTILE_RULE)
    return summary, top


@pytest.fixture(scope="module")
def report_data():
    return build_report_data()


@pytest.fixture(scope="module")
def report_html(report_data):
    return render_report(*report_data)


# ---------------------------------------------------------------- a parse of the page


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data):
        if self._open:
            self.text.setdefault(self._open[-1], []).append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def _marks(html: str) -> list[str]:
    return [m for m in re.findall(r'<mark class="hl[^"]*"[^>]*>(.*?)</mark>', html, re.S)]


# ---------------------------------------------------------------- pure-Python tests


def test_page_has_every_section_and_one_stylesheet_admitted_by_its_hash(report_html):
    tags = _parse(report_html)
    assert report_html.startswith("<!doctype html>")
    ids = {attrs.get("id") for _, attrs in tags.tags}
    assert {"headline", "categories", "over-time", "rules", "articles", "chart-over-time"} <= ids
    head = report_html[: report_html.index("</head>")]
    assert head.count("<title>") == 1  # the SVG titles are in the body
    assert not [t for t, _ in tags.tags if t == "script"]
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src 'none'" in csp and "unsafe-inline" not in csp
    css = re.search(r"<style>(.*?)</style>", report_html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    # The HTML parser rewrites NUL and CR, so the browser would hash other bytes and drop the sheet.
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", css)
    # no inline style attributes: a hashed style-src would refuse them
    assert not [a for _, a in tags.tags if "style" in a]


def test_headline_figures_are_shown(report_data, report_html):
    summary, _ = report_data
    headline = report_html[report_html.index('id="headline"') : report_html.index('id="categories"')]
    for label in ("Articles", "Words", "Findings", "Per 1,000 words", "Errors", "From cache", "Time", "Prefilter"):
        assert f'<span class="label">{label}</span>' in headline
    assert f"{summary['articles']:,}" in headline and f"{summary['words']:,}" in headline
    assert "1 min 15 s" in headline  # 74.6 s
    assert f"{summary['words'] / 74.6:,.0f} words/s · 2 jobs" in headline
    assert '<span class="value">on</span>' in headline
    rate = summary["findings"] * 1000 / summary["words"]
    assert f"{rate:,.2f}" in headline
    assert 'class="figure warn"' in headline  # two errors are not hidden


def test_hostile_titles_ids_sentences_and_rule_names_render_as_text(report_html):
    tags = _parse(report_html)
    assert not [t for t, _ in tags.tags if t in ("script", "img", "b")]
    for tag, attrs in tags.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "data-x" not in attrs
    for payload in (HOSTILE_TITLE, HOSTILE_ID, HOSTILE_SENTENCE, HOSTILE_RULE):
        assert payload not in report_html
    assert "&lt;/title&gt;&lt;script&gt;window.pwned = 1&lt;/script&gt;" in report_html
    assert "x&quot; onmouseover=&quot;window.pwned=2&quot; data-x=&quot;" in report_html
    assert "The &lt;img src=x onerror=&quot;window.pwned=3&quot;&gt; regime <mark" in report_html
    assert "&lt;script&gt;window.pwned=4&lt;/script&gt;" in report_html


def test_hostile_input_names_and_periods_are_escaped_too():
    summary, top = build_report_data(months=6, articles=2, hostile=False)
    summary["inputs"] = ['"><script>window.pwned=5</script>.jsonl']
    summary["by_period"][0]["period"] = "<svg onload=alert(1)>"
    summary["period_unit"] = "week"  # unknown: positions by order, labels as given
    html = render_report(summary, top)
    assert "<script>" not in html and "<svg onload" not in html
    assert html.count("&lt;svg onload=alert(1)&gt;") >= 2  # the chart label and the table row
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title == "hedgelint scan report: &quot;&gt;&lt;script&gt;window.pwned=5&lt;/script&gt;.jsonl"


def test_unknown_category_never_reaches_a_class_attribute():
    summary, top = build_report_data(months=3, articles=1, hostile=False)
    top[0]["flagged"][0]["category"] = 'forecast" onclick="x'
    summary["by_rule"][0]["category"] = "x y"
    html = render_report(summary, top)
    classes = [a.get("class", "") for _, a in _parse(html).tags]
    assert not [c for c in classes if "onclick" in c or "x y" in c]
    assert "hl-other" in html and "cat-other" in html


def test_no_resource_is_loaded_from_anywhere(report_html):
    for tag, attrs in _parse(report_html).tags:
        for name in ("src", "href", "srcset", "action", "poster", "data", "xlink:href"):
            value = attrs.get(name)
            if value is None:
                continue
            # in-page anchors, and the empty data: icon that stops a favicon request
            assert value.startswith("#") or value == "data:,", (tag, name, value)
    assert "url(" not in report_html and "@import" not in report_html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", report_html, re.I)


def test_article_urls_as_ids_are_text_not_links():
    summary, top = build_report_data(months=3, articles=1, hostile=False)
    top[0]["id"] = "https://www.example.org/news/world-asia-123"
    top[0]["title"] = None
    html = render_report(summary, top)
    assert "https://www.example.org/news/world-asia-123" in html
    assert not [a for t, a in _parse(html).tags if "example.org" in (a.get("href") or "") + (a.get("src") or "")]


def test_empty_scan_renders_notes_instead_of_charts():
    html = render_report({}, [])
    assert "No article has a date" in html and "No rule fired" in html and "No article has a finding" in html
    assert "<svg id=\"chart-over-time\"" not in html
    zero = {
        "version": 1, "hedgelint": "0.2.0", "inputs": ["empty.jsonl"], "started": "2026-12-03T15:00:00Z", "seconds": 0.0,
        "prefilter": False, "articles": 0, "articles_from_cache": 0, "words": 0, "findings": 0, "errors": 0,
        "by_category": {c: 0 for c in CATEGORIES}, "per_1000_words": {c: 0.0 for c in CATEGORIES},
        "by_rule": [], "period_unit": None, "by_period": [], "undated_articles": 0,
    }
    html = render_report(zero, [])
    headline = html[html.index('id="headline"') : html.index('id="categories"')]
    assert '<span class="label">Per 1,000 words</span><span class="value">–</span>' in headline
    assert '<span class="value">off</span>' in headline
    assert "warn" not in headline


def test_no_dates_gives_a_one_line_note(report_data):
    summary, top = report_data
    undated = dict(summary, period_unit=None, by_period=[], undated_articles=summary["articles"])
    html = render_report(undated, top)
    section = html[html.index('id="over-time"') : html.index('id="rules"')]
    assert "<svg" not in section
    assert re.findall(r"<p[^>]*>(.*?)</p>", section) == ["No article has a date, so there is no chart over time."]


def test_chart_has_one_series_per_category_broken_at_the_empty_months(report_html):
    chart = report_html[report_html.index('<svg id="chart-over-time"') :]
    chart = chart[: chart.index("</svg>")]
    series = re.findall(r'<g class="series" data-category="(\w+)">(.*?)</g>', chart, re.S)
    assert [c for c, _ in series] == list(CATEGORIES)
    for _, body in series:
        path = re.search(r' d="([^"]+)"', body).group(1)
        assert path.count("M") == 2  # months 17 and 18 have no articles: the line breaks there
    assert "per 1,000 words" in chart and "articles per month" in chart


def test_one_period_still_shows_its_points():
    summary, top = build_report_data(months=1, articles=1, hostile=False)
    html = render_report(summary, top)
    chart = html[html.index('<svg id="chart-over-time"') :]
    assert chart.count('class="mark-forecast"') == 1


def _x_labels(html: str) -> list[tuple[float, str]]:
    chart = html[html.index('<svg id="chart-over-time"') : html.index("</svg>", html.index('<svg id="chart-over-time"'))]
    # x-axis labels sit below the plot, centred on their period
    return [(float(x), t) for x, t in re.findall(r'<text x="([\d.]+)" y="[\d.]+" class="tick xlabel" text-anchor="middle">([^<]*)</text>', chart)]


def test_thousands_of_periods_thin_the_labels_and_drop_the_markers():
    summary, top = build_report_data(months=3, articles=1, hostile=False)
    template = summary["by_period"][0]
    periods = []
    for i in range(3000):
        year, month = divmod(i, 12)
        periods.append(dict(template, period=f"{1800 + year:04d}-{month + 1:02d}"))
    summary["by_period"] = periods
    html = render_report(summary, top)
    labels = _x_labels(html)
    assert 4 <= len(labels) <= 12
    xs = [x for x, _ in labels]
    assert min(b - a for a, b in zip(xs, xs[1:])) >= 60  # viewBox units: no two labels overlap
    assert all(re.fullmatch(r"\d{4}", t) for _, t in labels)  # years, on round decades
    assert 'class="mark-' not in html[html.index('<svg id="chart-over-time"') :].split("</svg>")[0]
    assert "The first 600 of 3,000 periods" in html
    assert len(html) < 1_500_000


def _chart(html: str) -> str:
    start = html.index('<svg id="chart-over-time"')
    return html[start : html.index("</svg>", start)]


def test_thousands_of_periods_are_pooled_by_words_not_averaged():
    summary, top = build_report_data(months=3, articles=1, hostile=False)
    periods = []
    for i in range(3000):
        year, month = divmod(i, 12)
        # Alternating heavy and light months: pooling must weigh them by words.
        words = 90_000 if i % 2 else 10_000
        counts = {"forecast": 9 if i % 2 else 10, "unverified": 0, "certainty": 0}
        periods.append({"period": f"{1800 + year:04d}-{month + 1:02d}", "articles": 10, "words": words, "by_category": counts,
                        "per_1000_words": {c: counts[c] * 1000 / words for c in CATEGORIES}})
    summary["by_period"] = periods
    html = render_report(summary, top)
    chart = _chart(html)
    forecast = re.search(r'<g class="series" data-category="forecast">.*?d="([^"]+)"', chart, re.S).group(1)
    points = forecast.count("L") + forecast.count("M")
    assert points <= 240 and forecast.count("M") == 1
    ys = {float(y) for y in re.findall(r"[ML][\d.]+ ([\d.]+)", forecast)}
    assert len(ys) == 1  # every pooled point is 19 findings over 100,000 words: flat
    assert "each point pools 24 months" in html and "articles per 24 months" in chart
    # the axis top is the pooled rate (0.19) rounded up, not the light months' 1.0
    assert re.search(r'class="tick" text-anchor="end">0\.2</text>', chart)


def test_a_thin_period_does_not_set_the_scale_and_is_marked_off_it(report_data):
    summary, top = report_data
    periods = [dict(p) for p in summary["by_period"]]
    periods[5] = dict(periods[5], articles=1, words=120,
                      by_category={"forecast": 2, "unverified": 0, "certainty": 1},
                      per_1000_words={"forecast": 16.7, "unverified": 0.0, "certainty": 8.3})
    html = render_report(dict(summary, by_period=periods), top)
    chart = _chart(html)
    top_tick = max(float(v) for v in re.findall(r'class="tick" text-anchor="end">([\d.]+)</text>', chart)[:-2])
    assert top_tick < 1  # the other months' scale, not 16.7's
    assert len(re.findall(r'class="mark-(forecast|certainty) off-scale"', chart)) == 2 and "forecast 16.70" in chart and "certainty 8.30" in chart
    assert "2 points above the scale" in html


def test_volume_bars_stay_inside_the_axes(report_html):
    chart = _chart(report_html)
    bars = [(float(x), float(w)) for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" class="vol"/>', chart)]
    assert bars and min(x for x, _ in bars) >= 64 and max(x + w for x, w in bars) <= 960 - 20


def test_forty_months_label_at_most_a_dozen_without_overlap(report_html):
    labels = _x_labels(report_html)
    xs = [x for x, _ in labels]
    assert 3 <= len(labels) <= 12 and min(b - a for a, b in zip(xs, xs[1:])) >= 60
    assert labels[0][1] == "2019-01"


def test_hundreds_of_rules_show_the_top_twenty():
    summary, top = build_report_data(months=3, articles=1, hostile=False)
    summary["by_rule"] = [
        {"rule": f"HL{900 + i}", "name": f"rule-{i}", "category": CATEGORIES[i % 3], "count": 1000 - i} for i in range(300)
    ]
    html = render_report(summary, top)
    rules = html[html.index('id="rules"') : html.index('id="articles"')]
    assert rules.count("<tr><td class=\"num\">") == TOP_RULES
    assert "HL919" in rules and "HL920" not in rules
    rest = sum(1000 - i for i in range(20, 300))
    assert f"and 280 more rules with {rest:,} findings" in rules


def test_rule_bars_are_proportional_to_counts(report_data, report_html):
    summary, _ = report_data
    widths = [float(w) for w in re.findall(r'<rect x="0" y="0" width="([\d.]+)" height="10"', report_html)]
    counts = [r["count"] for r in summary["by_rule"][:TOP_RULES]]
    assert widths[0] == 100.0
    assert widths == pytest.approx([c / counts[0] * 100 for c in counts], abs=0.01)


# ---------------------------------------------------------------- highlight offsets


def test_locate_trigger_trusts_a_right_offset_and_searches_otherwise():
    sentence = "It will collapse, and it will collapse soon."
    second = sentence.rindex("will collapse")
    assert locate_trigger(sentence, "will collapse", second) == (second, second + 13)  # the second one, as given
    assert locate_trigger(sentence, "will collapse", -1) == (3, 16)
    assert locate_trigger(sentence, "will collapse", 5) == (3, 16)  # wrong offset: search
    assert locate_trigger(sentence, "will collapse", 999) == (3, 16)
    assert locate_trigger(sentence, "will  collapse", -1) == (3, 16)  # whitespace differs
    assert locate_trigger(sentence, "Will Collapse", -1) == (3, 16)  # case differs
    assert locate_trigger(sentence, "survive", -1) is None
    assert locate_trigger("", "x", 0) is None and locate_trigger("x", "", 0) is None


def test_highlight_after_non_ascii_text_marks_exactly_the_trigger():
    # Astral and combining characters before the trigger: offsets are Python characters.
    sentence = "Kim Jŏng-ŭn’s 🚀 régime — «officially» — will collapse, says nobody."
    trigger = "will collapse"
    for start in (sentence.index(trigger), -1, len(sentence.encode("utf-8")[: sentence.index(trigger)])):
        summary, top = build_report_data(months=2, articles=1, hostile=False)
        top[0]["flagged"] = [dict(_flag(SENTENCES[0], random.Random(1)), sentence=sentence, text=trigger, start=start)]
        html = render_report(summary, top)
        assert _marks(html) == [trigger], start
        assert "— «officially» — <mark" in html


def test_every_rendered_mark_is_its_trigger(report_data, report_html):
    _, top = report_data
    expected = [f["text"] for a in top for f in a["flagged"]]
    assert _marks(report_html) == [t.replace("&", "&amp;") for t in expected]


def test_a_repeated_trigger_is_marked_where_the_suggestion_edits_it():
    summary, top = build_report_data(months=2, articles=1, hostile=False)
    sentence = "It is beyond question that he died, and beyond question that they lied."
    second = sentence.rindex("beyond question")
    flag = dict(_flag(SENTENCES[17], random.Random(1)), sentence=sentence, text="beyond question", start=sentence.index("beyond question"))
    for preview, expected in (
        ("It is beyond question that he died, and that they lied.", second),  # drops the second
        ("It is beyond question that he died, and probably that they lied.", second),
        ("It is probably true that he died, and beyond question that they lied.", 6),  # edits the first
    ):
        flag["suggestions"] = [{"replacement": "", "preview": preview, "safe": True}]
        top[0]["flagged"] = [flag]
        html = render_report(summary, top)
        shown = re.search(r'<p class="sentence">(.*?)</p>', html, re.S).group(1)
        assert shown.index("<mark") == expected, preview


def test_trigger_missing_from_its_sentence_is_shown_beside_it():
    summary, top = build_report_data(months=2, articles=1, hostile=False)
    top[0]["flagged"] = [dict(_flag(SENTENCES[0], random.Random(1)), text="is doomed", start=4)]
    html = render_report(summary, top)
    assert "The junta will collapse before the monsoon. <span class=\"note\">trigger not found in the sentence:" in html
    assert _marks(html) == ["is doomed"]


def test_long_sentence_is_clipped_around_the_trigger():
    summary, top = build_report_data(months=2, articles=1, hostile=False)
    sentence = "word " * 600 + "the regime will collapse " + "word " * 600
    top[0]["flagged"] = [dict(_flag(SENTENCES[0], random.Random(1)), sentence=sentence, text="will collapse", start=-1)]
    html = render_report(summary, top)
    shown = re.search(r'<p class="sentence">(.*?)</p>', html, re.S).group(1)
    assert shown.startswith("… ") and shown.endswith(" …") and len(shown) < 1200
    assert _marks(html) == ["will collapse"]


def test_each_flag_carries_its_category_name_message_and_suggestion(report_data, report_html):
    _, top = report_data
    first = top[0]["flagged"][0]
    card = report_html[report_html.index('<article class="card" id="a-1">') : report_html.index('<article class="card" id="a-2">')]
    item = card[card.index('<li class="flag') : card.index("</li>", card.index('<div class="suggestions">'))]
    assert f'<span class="badge cat-{first["category"]}">{first["category"]}</span>' in item
    assert first["message"].replace("'", "&#x27;") in item
    preview = re.search(r'<span class="preview">(.*?)</span>', item).group(1)
    assert re.sub(r"</?ins[^>]*>", "", preview) == first["suggestions"][0]["preview"].replace("'", "&#x27;")
    changed = re.search(r'<ins class="fix">(.*?)</ins>', preview).group(1)
    assert changed and changed in first["suggestions"][0]["replacement"]


@pytest.mark.parametrize(
    "original, preview, changed",
    [
        ("The regime will not survive the year.", "The regime may not survive the year.", "may"),
        ("The junta will collapse before the monsoon.", "The junta could collapse before the monsoon.", "could"),
        ("The minister was executed in April.", "The minister was reportedly executed in April.", "reportedly"),
        # the first "A" of the sentence is not what the edit put there
        ("A source said: Aliaksei is clearly guilty.", "A source said: Aliaksei is probably guilty.", "probably"),
        ("Two commanders  opened\ntalks.", "Unconfirmed reports say two commanders opened talks.", "Unconfirmed reports say two"),
        ("It is beyond question that Aliaksei died.", "Aliaksei died.", None),  # a deletion marks nothing
        ("Kim Jŏng-ŭn’s 🚀 regime will fall.", "Kim Jŏng-ŭn’s 🚀 regime could fall.", "could"),
    ],
)
def test_the_marked_part_of_a_preview_is_what_the_edit_changed(original, preview, changed):
    span = changed_span(original, preview)
    assert (preview[span[0] : span[1]] if span else None) == changed


def test_suggestion_without_a_findable_replacement_shows_the_plain_preview():
    summary, top = build_report_data(months=2, articles=1, hostile=False)
    flag = _flag(SENTENCES[0], random.Random(1))
    flag["suggestions"] = [
        {"replacement": "", "preview": "The junta collapse before the monsoon.", "safe": False},
        {"replacement": "<b>could</b>", "preview": "The junta <b>could</b> collapse before the monsoon.", "safe": True},
    ]
    top[0]["flagged"] = [flag]
    html = render_report(summary, top)
    assert '<span class="preview">The junta collapse before the monsoon.</span> <span class="unsafe">check by hand</span>' in html
    assert '<ins class="fix">&lt;b&gt;could&lt;/b&gt;</ins>' in html and "<b>" not in html
    flag["suggestions"] = [{"replacement": "may", "preview": "", "safe": True}]  # no preview: the bare replacement
    assert '<span class="preview"><ins class="fix">may</ins></span>' in render_report(summary, top)


def test_flags_beyond_the_first_five_fold_into_details(report_data, report_html):
    _, top = report_data
    card = report_html[report_html.index('<article class="card" id="a-1">') : report_html.index('<article class="card" id="a-2">')]
    rest = len(top[0]["flagged"]) - 5
    assert rest > 0 and f"<summary>{rest} more flagged sentences</summary>" in card
    assert card.count('<li class="flag') == len(top[0]["flagged"])
    assert '<ol class="flags" start="6">' in card


# ---------------------------------------------------------------- in Chromium


def _open(browser, html: str, tmp_path, **context_options):
    """Load the page from a file:// URL with every other request refused and recorded."""
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    url = path.as_uri()
    context = browser.new_context(**context_options)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    def guard(route):
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", guard)
    page.goto(url)
    return context, page, requests, url


def test_rendered_page_in_chromium(browser, report_data, report_html, tmp_path):
    _, top = report_data
    context, page, requests, url = _open(browser, report_html, tmp_path, viewport={"width": 1280, "height": 900})
    try:
        assert page.evaluate("window.pwned") is None
        assert requests == [url]
        # The stylesheet is admitted only by its hash: a mismatch would leave the page unstyled.
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
        assert page.evaluate("getComputedStyle(document.querySelector('.badge.cat-forecast')).color") == "rgb(255, 255, 255)"
        series = page.eval_on_selector_all("#chart-over-time g.series", "gs => gs.map(g => g.dataset.category)")
        assert series == list(CATEGORIES)
        assert page.locator("#chart-over-time g.series path.series-line").count() == 3
        assert page.locator(".legend li").all_inner_texts() == list(CATEGORIES)
        assert page.locator("article.card").count() == len(top)
        triggers = [f["text"] for f in top[0]["flagged"]]
        open_marks = page.locator("#a-1 > ol.flags mark.hl")
        assert open_marks.all_inner_texts() == triggers[:5]
        assert all(open_marks.nth(i).is_visible() for i in range(5))
        folded = page.locator("#a-1 details.more-flags mark.hl")
        assert not folded.first.is_visible()
        page.locator("#a-1 details.more-flags > summary").click()  # opens without any script
        assert folded.first.is_visible() and folded.all_inner_texts() == triggers[5:]
        # the hostile title is text in its card and in the index, and made no element
        assert page.locator("#a-2 .article-title").inner_text() == HOSTILE_TITLE
        assert page.locator("#articles b").count() == 0
        assert HOSTILE_ID in page.locator("#a-3 .article-id").inner_text()
        hostile_sentence = page.locator("#a-4 .sentence").first
        assert hostile_sentence.inner_text() == HOSTILE_SENTENCE
        assert hostile_sentence.locator("mark").inner_text() == "will collapse"
        assert page.locator("main img").count() == 0
        # colours differ per category and the label is written, not only coloured
        colours = {
            c: page.evaluate(f"getComputedStyle(document.querySelector('mark.hl-{c}')).backgroundColor") for c in CATEGORIES
        }
        assert len(set(colours.values())) == 3
        assert requests == [url]
    finally:
        context.close()


def test_escaping_alone_stops_the_hostile_script(browser, report_html, tmp_path):
    # Without the CSP, only the escaping stands between the title and a script run.
    without_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", report_html)
    assert without_csp != report_html
    context, page, requests, url = _open(browser, without_csp, tmp_path)
    try:
        page.locator("#a-4 .sentence").first.hover()
        page.locator("#a-3 .article-id").hover()
        assert page.evaluate("window.pwned") is None
        assert requests == [url]
    finally:
        context.close()


def test_phone_width_has_no_page_level_overflow(browser, report_html, tmp_path):
    context, page, _, _ = _open(browser, report_html, tmp_path, viewport={"width": 390, "height": 844})
    try:
        # The chart scrolls inside its own box; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("#chart-over-time").is_visible()
        box = page.locator(".figures .figure").first.bounding_box()
        assert box["width"] < 200  # headline figures sit two to a row
    finally:
        context.close()


def test_page_reads_the_same_with_scripting_off(browser, report_html, tmp_path):
    context, page, requests, url = _open(browser, report_html, tmp_path, java_script_enabled=False)
    try:
        assert page.locator("#chart-over-time g.series").count() == 3
        assert page.locator("article.card mark.hl").count() > 25
        assert requests == [url]
    finally:
        context.close()
