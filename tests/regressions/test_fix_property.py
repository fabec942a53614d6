"""Issue 14, item 9 and "what to build": properties of --fix over generated drafts.

Drafts in Markdown, HTML and plain text (tests/draftgen.py) mix the rule
packs' flagged and passing examples with markup, entities, hard wraps in
every line-ending style, combining marks, zero-width characters, inline
suppressions, a .hedgelint.yaml selection and a baseline written from some
of the paragraphs. Everything goes through the real CLI in process, and the
oracle is the CLI's own JSON report under the same filters:

(a) each round of --fix (taken one at a time) changes the text exactly as
    the edits that `check --format json` reported for that round's text,
    first safe suggestion per finding, do; so no character outside a
    reported edit changes, and nothing suppressed, unselected, ignored or
    baselined is touched (it is not in the report);
(b) a second --fix is byte-identical;
(c) the fixed file re-checks with no finding that no round reported;
(d) quotation marks and brackets pair as they did before the fixes.

The test is not vacuous: hypothesis is told to seek drafts with many applied
edits, and at the end it asserts that enough examples, of every kind, had
fixes applied and filters in play.
"""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from draftgen import KINDS, draft, examine
from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fix_changes_only_reported_edits_and_settles(cli, kind):
    stats: Counter = Counter()

    # A seeded Random rather than hypothesis's own: its shrinking Random
    # draws the extremes so often that nearly every draft came out with a
    # suppression and a config; a seed gives drafts like the fuzz script's,
    # and the failure message prints the whole draft.
    @settings(max_examples=14, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.integers(0, 2**32 - 1))
    def one_draft(seed):
        d = draft(random.Random(seed), kind)
        with tempfile.TemporaryDirectory() as tmp:
            [o] = examine(lambda args: cli(args, cwd=tmp), [d], Path(tmp))
        assert not o.problems, f"{d.kind} draft {d.render()!r} (config {d.config}, baseline from paragraphs {d.baseline_from}):\n" + "\n".join(o.problems)
        target(float(o.applied), label="edits applied")
        stats["examples"] += 1
        if o.applied:
            stats["fixed"] += 1
        if d.config or d.baseline_from or any("hedgelint-" in p for p in d.paragraphs):
            stats["filtered"] += 1
            stats["filtered and fixed"] += bool(o.applied)

    one_draft()
    # the properties held on drafts that --fix actually changed, and on
    # drafts where a filter could hide something from the report
    assert stats["fixed"] >= 5, stats
    assert stats["filtered and fixed"] >= 2, stats
