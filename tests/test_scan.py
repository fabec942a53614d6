"""hedgelint scan: inputs, outputs, cache, resume, jobs, faults, and agreement with check."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter.archive.cache import ScanCache
from linter.archive.records import Fields, read_articles
from linter.archive.run import Scan, ScanOptions
from linter.archive.summary import parse_date

ROOT = Path(__file__).resolve().parent.parent
BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news-2005"

FORECAST = "The junta will collapse before the monsoon, and nobody in the capital is ready."
EXECUTION = "Kim Jong Un's uncle was executed last week for plotting a coup."
HEDGED = "Some analysts argue the junta could collapse before the monsoon."
BOOSTER = "The defector's account clearly proves that the purge is real."


def corpus_articles(limit: int | None = None) -> list[dict]:
    """Articles made of the annotated corpora's paragraphs (a few per article)."""
    out = []
    for split in ("dev", "dev2", "dev3"):  # tuned splits: any text will do here
        for f in sorted((ROOT / "corpora" / split).glob("*.jsonl")):
            out.extend(json.loads(line)["text"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    arts = []
    for i in range(0, len(out), 3):
        arts.append({"id": f"a{i // 3:04d}", "title": f"Article {i // 3}", "date": f"20{10 + (i // 3) % 9:02d}-{1 + (i // 3) % 12:02d}-15",
                     "text": "\n\n".join(out[i:i + 3])})
    return arts[:limit] if limit else arts


def write_jsonl(path: Path, records) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write((r if isinstance(r, str) else json.dumps(r)) + "\n")
    return path


@pytest.fixture
def shared_engine(engine):
    """An engine factory that hands out the session's engine (no second model load)."""
    calls = []

    def factory(**kwargs):
        calls.append(kwargs)
        assert not kwargs.get("select") and not kwargs.get("ignore"), "the shared engine runs every rule"
        return engine

    factory.calls = calls
    return factory


def run(options: ScanOptions, factory) -> list:
    return list(Scan(options, engine_factory=factory).outcomes())


# ------------------------------------------------------------------ inputs
def test_jsonl_fields_are_detected_and_bad_records_are_errors(tmp_path):
    arch = write_jsonl(tmp_path / "a.jsonl", [
        {"url": "https://example.org/1", "headline": "Junta doomed", "published": "Tue, 05 Mar 2019 10:00:00 GMT", "body": FORECAST},
        "{broken",
        {"url": "u2", "headline": "no text here"},
        {"url": "u3", "body": 42.5},
        ["not", "an", "object"],
    ])
    items = list(read_articles([str(arch)]))
    first = items[0]
    assert (first.id, first.title, first.date, first.text) == ("https://example.org/1", "Junta doomed", "Tue, 05 Mar 2019 10:00:00 GMT", FORECAST)
    errors = items[1:]
    assert [e.where for e in errors] == [f"{arch}:2", f"{arch}:3", f"{arch}:4", f"{arch}:5"]
    assert "not valid JSON" in errors[0].reason
    assert "no text field" in errors[1].reason and "headline" in errors[1].reason
    assert "is a float, not text" in errors[2].reason
    assert "JSON object" in errors[3].reason


def test_named_fields_win_over_detection_and_csv_reads_long_bodies(tmp_path):
    p = tmp_path / "a.csv"
    long_body = (FORECAST + " ") * 4000  # past csv's default 128 KiB field limit
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["slug", "Headline", "story", "text", "when"])
        w.writerow(["s1", "H1", EXECUTION, "not this one", "2020-06"])
        w.writerow(["s2", "H2", long_body, "", "2020-07"])
    items = list(read_articles([str(p)], Fields(text="story", id="slug", date="when", title="headline")))
    assert [(a.id, a.title, a.date) for a in items] == [("s1", "H1", "2020-06"), ("s2", "H2", "2020-07")]
    assert items[0].text == EXECUTION and len(items[1].text) == len(long_body)


def test_directories_and_globs_take_article_files_and_archives(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "one.md").write_text("# A title\n\n" + FORECAST + "\n", encoding="utf-8")
    (tmp_path / "d" / "sub" / "two.txt").write_text("Headline\n\n" + EXECUTION + "\n", encoding="utf-8")
    write_jsonl(tmp_path / "d" / "sub" / "more.jsonl", [{"id": "j1", "text": BOOSTER}])
    (tmp_path / "d" / "bad.txt").write_bytes(b"\xff\xfe\x00\x00broken")
    (tmp_path / "d" / "image.png").write_bytes(b"\x89PNG")
    items = list(read_articles([str(tmp_path / "d")]))
    ids = [getattr(i, "id", None) for i in items]
    assert str(tmp_path / "d" / "one.md") in ids and str(tmp_path / "d" / "sub" / "two.txt") in ids and "j1" in ids
    assert not any("image.png" in str(i) for i in ids)
    md = next(i for i in items if getattr(i, "kind", "") == "markdown")
    assert md.title == "A title"
    globbed = list(read_articles([str(tmp_path / "d" / "**" / "*.txt")]))
    assert {Path(getattr(g, "id", None) or g.where).name for g in globbed} == {"two.txt", "bad.txt"}
    missing = list(read_articles([str(tmp_path / "nothing-*.jsonl")]))
    assert len(missing) == 1 and "no file matches" in missing[0].reason


@pytest.mark.parametrize("value, expected", [
    ("2019-03-05", (2019, 3)), ("2019-03-05T10:00:00Z", (2019, 3)), ("Tue, 05 Mar 2019 10:00:00 GMT", (2019, 3)),
    ("2019", (2019, 0)), ("2019-11", (2019, 11)), ("05/03/2019", (2019, 0)), ("1551780000", (2019, 3)),
    ("sometime", None), ("", None), (None, None), ("May", None),
])
def test_dates_as_archives_write_them(value, expected):
    assert parse_date(value) == expected


# ------------------------------------------------------------ agreement
def test_scan_findings_equal_check_findings_for_the_same_files(tmp_path, shared_engine, cli):
    arts = corpus_articles(60)
    d = tmp_path / "articles"
    d.mkdir()
    for a in arts:
        (d / f"{a['id']}.txt").write_text(a["text"] + "\n", encoding="utf-8")
    outcomes = run(ScanOptions(paths=[str(d)], jobs=1, use_cache=False, isolated=True), shared_engine)
    scanned = sorted((o.id, f["line"], f["column"], f["rule"], f["text"]) for o in outcomes for f in o.findings)
    result = cli(["check", "--format", "json", "--isolated", "--exit-zero", str(d)])
    checked = sorted((f["path"], f["line"], f["column"], f["rule"], f["text"]) for f in json.loads(result.stdout)["findings"])
    assert len(checked) > 20, "the corpus articles should give findings"
    assert scanned == checked


def test_prefilter_and_full_parse_give_identical_scans(shared_engine, engine):
    """The scan's two paths on a few hundred articles: the corpora's and real BBC stories."""
    records = corpus_articles(150)
    if BBC.exists():
        for p in sorted(BBC.rglob("*.txt"))[::15][:120]:
            records.append({"id": str(p), "text": p.read_text(encoding="utf-8", errors="replace")})
    fast = [(o.id, o.words, o.findings) for o in Scan(ScanOptions(jobs=1, use_cache=False, isolated=True), engine_factory=shared_engine, records=records).outcomes()]
    was = engine.prefilter
    engine.prefilter = False
    try:
        slow = [(o.id, o.words, o.findings) for o in Scan(ScanOptions(jobs=1, use_cache=False, isolated=True, prefilter=False), engine_factory=shared_engine, records=records).outcomes()]
    finally:
        engine.prefilter = was
    assert len(fast) == len(records) and sum(len(f) for _, _, f in fast) > 30
    assert fast == slow


# ------------------------------------------------------------------ outputs
def test_cli_scan_writes_the_four_outputs_and_errors(tmp_path, cli):
    arch = write_jsonl(tmp_path / "a.jsonl", [
        {"id": "nk-1", "title": "=HYPERLINK(\"http://evil\")", "date": "2019-03-01", "text": FORECAST + "\n\n" + EXECUTION},
        {"id": "nk-2", "title": "Hedged", "date": "2019-04-01", "text": HEDGED},
        "{not json",
        {"id": "nk-3", "title": "Booster", "date": "2020-01-02", "text": BOOSTER},
    ])
    out = tmp_path / "out"
    result = cli(["scan", str(arch), "--out", str(out), "--jobs", "1", "--isolated"])
    assert result.exit_code == 2, result.output  # one record failed
    assert "1 could not be checked" in result.stderr
    for name in ("findings.jsonl", "articles.csv", "errors.jsonl", "summary.json", "report.html"):
        assert (out / name).is_file(), name
    records = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(r["article"], r["rule"]) for r in records} >= {("nk-1", "HL101"), ("nk-3", records[-1]["rule"])}
    assert all(r["article"] != "nk-2" for r in records), "the hedged article has no finding"
    first = records[0]
    assert first["title"].startswith("=HYPERLINK") and first["date"] == "2019-03-01"
    assert first["sentence"] and first["text"] in first["sentence"]
    rows = list(csv.DictReader(open(out / "articles.csv", encoding="utf-8")))
    assert [r["id"] for r in rows] == ["nk-1", "nk-2", "nk-3"]
    assert rows[0]["title"].startswith("'="), "a formula-looking title is neutralised for spreadsheets"
    assert int(rows[0]["forecast"]) >= 1 and int(rows[0]["unverified"]) >= 1 and rows[1]["findings"] == "0"
    assert float(rows[0]["per_1000_words"]) == pytest.approx(1000 * int(rows[0]["findings"]) / int(rows[0]["words"]), abs=0.01)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert errors == [{"id": None, "where": f"{arch}:3", "reason": errors[0]["reason"]}] and "JSON" in errors[0]["reason"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == 3 and summary["errors"] == 1 and summary["findings"] == len(records)
    assert summary["period_unit"] == "month" and [p["period"] for p in summary["by_period"]] == ["2019-03", "2019-04", "2020-01"]
    assert summary["by_rule"][0]["count"] >= summary["by_rule"][-1]["count"]


def test_an_article_that_crashes_a_rule_is_an_error_and_the_scan_goes_on(tmp_path, engine, monkeypatch):
    from linter.core.pipeline import HedgelintComponent

    real = HedgelintComponent.examine

    def examine(self, doc, only=None):
        if "POISON" in doc.text:
            raise RuntimeError("a rule tripped")
        return real(self, doc, only)

    monkeypatch.setattr(HedgelintComponent, "examine", examine)
    records = [{"id": "ok1", "text": FORECAST}, {"id": "bad", "text": "POISON. " + FORECAST}, {"id": "ok2", "text": EXECUTION}]
    outcomes = list(Scan(ScanOptions(jobs=1, use_cache=False, isolated=True), engine_factory=lambda **k: engine, records=records).outcomes())
    assert [o.id for o in outcomes] == ["ok1", "bad", "ok2"]
    assert outcomes[0].findings and outcomes[2].findings and outcomes[1].error is not None
    assert "RuntimeError: a rule tripped" in outcomes[1].error.reason


# -------------------------------------------------------------------- cache
def test_a_rescan_comes_from_the_cache_without_loading_the_model(tmp_path, shared_engine):
    records = corpus_articles(40)
    arch = write_jsonl(tmp_path / "a.jsonl", records)
    opts = dict(paths=[str(arch)], out=tmp_path / "out", jobs=1, isolated=True)
    first = run(ScanOptions(**opts), shared_engine)
    assert not any(o.cached for o in first) and shared_engine.calls

    def no_model(**kwargs):
        raise AssertionError("a cached re-scan must not build an engine")

    scan = Scan(ScanOptions(**opts), engine_factory=no_model)
    second = list(scan.outcomes())
    assert all(o.cached for o in second) and not scan.model_loaded
    assert [(o.id, o.findings) for o in second] == [(o.id, o.findings) for o in first]
    # one changed article is the only one checked again
    records[3]["text"] += "\n\n" + BOOSTER
    write_jsonl(arch, records)
    scan = Scan(ScanOptions(**opts), engine_factory=shared_engine)
    third = list(scan.outcomes())
    assert scan.checked == 1 and [o.cached for o in third].count(False) == 1 and not third[3].cached


def test_the_cache_key_changes_with_rules_config_and_model(tmp_path, shared_engine):
    base = Scan(ScanOptions(jobs=1, use_cache=False, isolated=True), records=[])
    keys = {base.fingerprint}
    for changed in (dict(select=["forecast"]), dict(ignore=["HL101"]), dict(estimative=True), dict(model="en_core_web_md")):
        keys.add(Scan(ScanOptions(jobs=1, use_cache=False, isolated=True, **changed), records=[]).fingerprint)
    cfg = tmp_path / "h.yaml"
    cfg.write_text("severity: {forecast: error}\n")
    keys.add(Scan(ScanOptions(jobs=1, use_cache=False, config=cfg), records=[]).fingerprint)
    assert len(keys) == 6


def test_an_interrupted_scan_resumes_where_it_stopped(tmp_path, shared_engine):
    records = corpus_articles(48)
    arch = write_jsonl(tmp_path / "a.jsonl", records)
    opts = ScanOptions(paths=[str(arch)], out=tmp_path / "out", jobs=1, isolated=True, batch_articles=4)
    gen = Scan(opts, engine_factory=shared_engine).outcomes()
    done = [next(gen) for _ in range(20)]
    gen.close()  # what Ctrl-C does to the scan: the results so far stay committed
    resumed = Scan(opts, engine_factory=shared_engine)
    rest = list(resumed.outcomes())
    assert resumed.checked == 48 - 20
    assert [o.id for o in rest] == [r["id"] for r in records]
    assert [o.findings for o in rest[:20]] == [o.findings for o in done]


def test_no_cache_writes_no_cache_and_purge_deletes_it(tmp_path, cli):
    arch = write_jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": FORECAST}])
    out = tmp_path / "out"
    assert cli(["scan", str(arch), "--out", str(out), "--no-cache", "-j", "1", "--isolated", "-q"]).exit_code == 0
    assert not (out / "cache.sqlite").exists() and (out / "summary.json").exists()
    assert cli(["scan", str(arch), "--out", str(out), "-j", "1", "--isolated", "-q"]).exit_code == 0
    assert (out / "cache.sqlite").exists()
    result = cli(["cache", "purge", str(out)])
    assert result.exit_code == 0 and "deleted" in result.stdout
    assert not list(out.glob("cache.sqlite*"))
    again = cli(["cache", "purge", str(out)])
    assert "no cache there" in again.stderr


def test_a_damaged_cache_row_is_only_work_to_do_again(tmp_path):
    c = ScanCache(tmp_path / "c.sqlite")
    c.put("fp", "d1", 10, [{"rule": "HL101"}], None)
    c.db.execute("UPDATE results SET findings='{broken' WHERE digest='d1'")
    assert c.get("fp", "d1") is None and c.get("fp", "missing") is None
    c.close()


# --------------------------------------------------------------- processes
def test_two_jobs_give_the_same_results_as_one(tmp_path, shared_engine):
    records = corpus_articles(90)
    one = [(o.id, o.findings) for o in Scan(ScanOptions(jobs=1, use_cache=False, isolated=True), engine_factory=shared_engine, records=records).outcomes()]
    two = [(o.id, o.findings) for o in Scan(ScanOptions(jobs=2, use_cache=False, isolated=True, batch_articles=8), records=records).outcomes()]
    assert two == one


def _scan_cmd(arch: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "linter.cli", "scan", str(arch), "--out", str(out), "--isolated", "-j", "1", *extra]


def test_a_killed_scan_resumes_and_ends_with_the_same_outputs(tmp_path):
    records = corpus_articles(160)
    arch = write_jsonl(tmp_path / "a.jsonl", records)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(_scan_cmd(arch, out, "--progress", "lines"), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = out / "cache.sqlite"
    deadline = time.monotonic() + 120
    import sqlite3

    while time.monotonic() < deadline:
        time.sleep(0.3)
        if db.exists():
            try:
                n = sqlite3.connect(str(db)).execute("SELECT COUNT(*) FROM results").fetchone()[0]
            except sqlite3.Error:
                continue
            if n >= 20:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "summary.json").exists(), "a killed scan leaves no half report"
    done = sqlite3.connect(str(db)).execute("SELECT COUNT(*) FROM results").fetchone()[0]
    assert 20 <= done < len(records)
    second = subprocess.run(_scan_cmd(arch, out, "-q"), env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["articles"] == len(records) and summary["articles_from_cache"] == done
    fresh = tmp_path / "fresh"
    third = subprocess.run(_scan_cmd(arch, fresh, "-q", "--no-cache"), env=env, capture_output=True, text=True, timeout=300)
    assert third.returncode == 0, third.stderr
    assert (out / "findings.jsonl").read_text() == (fresh / "findings.jsonl").read_text()
    assert (out / "articles.csv").read_text() == (fresh / "articles.csv").read_text()


# ----------------------------------------------------------------- progress
def test_progress_lines_when_not_a_terminal_and_nothing_when_quiet(tmp_path):
    import io

    from linter.archive.progress import Progress

    buf = io.StringIO()
    p = Progress(1000, mode="auto", every=0.0, stream=buf)
    assert p.mode == "lines"
    p.advance(500, 1200, False)
    assert "scanned 1 articles" in buf.getvalue() and "50%" in buf.getvalue() and "words/s" in buf.getvalue() and "ETA" in buf.getvalue()
    quiet = io.StringIO()
    q = Progress(1000, mode="quiet", every=0.0, stream=quiet)
    q.advance(500, 1200, False)
    q.close()
    assert quiet.getvalue() == ""


# ---------------------------------------------------------------------- API
def test_the_python_api_yields_the_findings_jsonl_records(tmp_path, cli):
    import linter

    records = [{"id": "r1", "title": "T", "date": "2021-05-05", "text": FORECAST}, {"id": "r2", "text": HEDGED}, {"id": "r3", "text": EXECUTION}]
    errors = []
    got = list(linter.scan(records + [{"id": "r4"}], on_error=errors.append))
    assert {r["article"] for r in got} == {"r1", "r3"} and got[0]["title"] == "T"
    assert len(errors) == 1 and errors[0]["id"] == "r4"
    arch = write_jsonl(tmp_path / "a.jsonl", records)
    out = tmp_path / "out"
    cli(["scan", str(arch), "--out", str(out), "-j", "1", "-q"])
    written = [json.loads(line) for line in (out / "findings.jsonl").read_text().splitlines()]
    assert list(linter.scan(str(arch))) == written


def test_identical_articles_each_get_their_own_findings(tmp_path, shared_engine):
    """The second copy comes from the cache (same content hash) but is reported under its own id."""
    arch = write_jsonl(tmp_path / "a.jsonl", [{"id": "first", "text": FORECAST}, {"id": "copy", "text": FORECAST}])
    opts = ScanOptions(paths=[str(arch)], out=tmp_path / "out", jobs=1, isolated=True)
    run(opts, shared_engine)
    again = run(opts, shared_engine)
    assert all(o.cached for o in again)  # one cache row serves both
    records = [r for o in again for r in o.records()]
    assert [(r["article"], r["path"]) for r in records] == [("first", "first"), ("copy", "copy")]


def test_profile_counts_every_sentence_status_without_changing_findings(tmp_path, shared_engine, engine, cli):
    from linter.core.status import profile

    records = [
        {"id": "p1", "date": "2020-01-01", "text": FORECAST + " " + HEDGED + "\n\nIs the regime finished? Officials said the talks had failed."},
        {"id": "p2", "date": "2021-01-01", "text": "If the army splits, the junta will fall. " + EXECUTION},
    ]
    arch = write_jsonl(tmp_path / "a.jsonl", records)
    plain = run(ScanOptions(paths=[str(arch)], jobs=1, use_cache=False, isolated=True), shared_engine)
    opts = ScanOptions(paths=[str(arch)], out=tmp_path / "out", jobs=1, isolated=True, profile=True)
    profiled = run(opts, shared_engine)
    assert [o.findings for o in profiled] == [o.findings for o in plain]
    for rec, o in zip(records, profiled):
        expected: dict = {}
        for para in rec["text"].split("\n\n"):
            for k, v in profile(engine.nlp(para)).items():
                expected[k] = expected.get(k, 0) + v
        assert o.profile == expected
    assert profiled[0].profile["question"] >= 1 and profiled[0].profile["attributed"] >= 1 and profiled[1].profile["conditional"] >= 1
    again = run(opts, shared_engine)
    assert all(o.cached for o in again) and [o.profile for o in again] == [o.profile for o in profiled]
    result = cli(["scan", str(arch), "--out", str(tmp_path / "cli"), "--profile", "-j", "1", "--isolated", "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(open(tmp_path / "cli" / "articles.csv", encoding="utf-8")))
    p1 = profiled[0].profile
    assert int(rows[0]["sentences"]) == p1["sentences"]
    assert float(rows[0]["asserted_share"]) == pytest.approx(p1["asserted"] / p1["sentences"], abs=0.001)
    summary = json.loads((tmp_path / "cli" / "summary.json").read_text())
    assert summary["profile"]["sentences"] == sum(o.profile["sentences"] for o in profiled)
    assert all("profile_shares" in p for p in summary["by_period"])
    assert 'id="profile"' in (tmp_path / "cli" / "report.html").read_text()


def test_output_order_holds_when_cached_and_new_articles_interleave(tmp_path, shared_engine):
    """A resumed or partly changed archive: every other article is cached."""
    records = corpus_articles(30)
    arch = write_jsonl(tmp_path / "a.jsonl", records[::2])
    opts = dict(out=tmp_path / "out", jobs=1, isolated=True, batch_articles=8)
    run(ScanOptions(paths=[str(arch)], **opts), shared_engine)
    write_jsonl(arch, records[:25] + ["{broken"] + records[25:])
    scan = Scan(ScanOptions(paths=[str(arch)], **opts), engine_factory=shared_engine)
    out = list(scan.outcomes())
    assert [o.id for o in out] == [r["id"] for r in records[:25]] + [None] + [r["id"] for r in records[25:]]
    assert [o.cached for o in out if o.id] == [i % 2 == 0 for i in range(30)]


def test_sentence_start_points_at_the_flagged_occurrence(engine):
    """The trigger's words occur twice in the sentence; only the second is the
    writer's claim, and the report must highlight that one."""
    from linter.archive.worker import finding_record

    text = "Analysts who say the junta will collapse are wrong: the regime   will\ncollapse before the monsoon."
    found = engine.check_text(text)
    assert [f.text for f in found] == ["will\ncollapse"]
    rec = finding_record(found[0])
    first = rec["sentence"].find("will collapse")
    assert rec["sentence_start"] > first
    assert rec["sentence"][rec["sentence_start"]:].startswith("will collapse before the monsoon")
