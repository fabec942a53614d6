"""Scope: the same claim, reworded, must flag; hedged, attributed, quoted,
questioned, conditional, negated, embedded or past versions must not."""

from __future__ import annotations

import pytest

REWORDED = {
    "forecast": [
        "The junta will collapse before the monsoon.",
        "The junta is going to collapse before the monsoon.",
        "The junta has lost the north. It'll collapse before the monsoon.",
        "The junta is collapsing.",
        "Collapse of the junta will come within months.",
        "The junta's collapse is inevitable.",
        "The junta's days are numbered.",
        "The junta is finished.",
        "The junta won't survive the monsoon.",
        "The junta will never fall.",
        "Even if the army stays loyal, the junta will collapse before the monsoon.",
        "I have no doubt the junta will be gone by spring.",
        "The junta, which has lost three provinces since March, will collapse before the monsoon.",
        "After three lost provinces and a mutiny in the north, the junta will inevitably fall.",
        "Our call for next year: expect the junta to be gone before the rains come.",
        "The junta's hold on the capital is beginning to crumble.",
        "The junta is on course to lose control of the north before the end of the year.",
        "The junta has two winters left.",
        "Rosario Murillo will rule Nicaragua for as long as she lives.",
    ],
    "unverified": [
        "Two generals were secretly executed last month.",
        "The junta executed two generals last month.",
        "Two generals were put to death last month.",
        "Two generals have fled to Thailand.",
        "The defence minister was quietly purged in the spring.",
        "The supreme leader is gravely ill.",
        "Security agents detained the poet at night and are holding her incommunicado.",
    ],
    "certainty": [
        "The new checkpoints clearly prove the army is afraid.",
        "The new checkpoints prove that the army is afraid.",
        "The new checkpoints are a sure sign that the army is afraid.",
        "This leaves no doubt that the army is afraid.",
        "Everyone knows the army is afraid.",
        "There can be no doubt that the army is afraid.",
        "The only possible explanation is that the army is afraid.",
        "The new checkpoints are irrefutable proof that Pyongyang is afraid.",
    ],
}


@pytest.mark.parametrize("category,text", [(c, t) for c, ts in REWORDED.items() for t in ts])
def test_reworded_positive_flags(check, category, text):
    assert check(text, category=category), text


CLEARED = {
    "forecast": {
        "hedge": [
            "The junta could collapse before the monsoon.",
            "The junta will probably collapse before the monsoon.",
            "The junta seems likely to collapse before the monsoon.",
            "The junta may be collapsing.",
            "I think the junta will collapse before the monsoon.",
            "There is a real risk that the junta will collapse before the monsoon.",
            "The junta is unlikely to survive the monsoon.",
            "The most probable outcome is that the junta collapses before the monsoon.",
            "We judge it unlikely that the junta will collapse before the monsoon.",
            "Our central estimate is that the junta will collapse before the monsoon.",
        ],
        "attribution": [
            "Exiled officers say the junta will collapse before the monsoon.",
            "The junta will collapse before the monsoon, exiled officers say.",
            "According to exiled officers, the junta will collapse before the monsoon.",
            "The junta, exiled officers insist, will collapse before the monsoon.",
            "Opposition leaders abroad call the junta finished.",
        ],
        "quote": [
            '"The junta will collapse before the monsoon," an exiled officer said.',
            "\u201cThe junta will collapse before the monsoon.\u201d",
        ],
        "question": ["Will the junta collapse before the monsoon?", "Is the junta finished?"],
        "conditional": [
            "If the army splits, the junta will collapse before the monsoon.",
            "The junta will collapse before the monsoon unless China intervenes.",
            "Should the army split, the junta will collapse.",
        ],
        "negation": [
            "Nothing suggests the junta will collapse before the monsoon.",
            "The defections do not mean the junta will collapse before the monsoon.",
            "Collapse is not inevitable.",
            "It is far from certain that the junta will collapse.",
            "The defections are no sign that the junta will collapse before the monsoon.",
        ],
        "embedded": [
            "Diplomats wonder whether the junta will collapse before the monsoon.",
            "Diplomats wonder if the junta will survive the winter.",
            "The idea that the junta is finished lacks support.",
            "Forecasts that the junta would collapse before the monsoon turned out wrong.",
            "Editors should be wary of treating the purge as proof that the junta is finished.",
            "Talk of the junta's imminent collapse is premature.",
        ],
        "past": [
            "The junta collapsed before the monsoon.",
            "The government fell in 1989.",
            "The regime has collapsed.",
        ],
        "title": ["Gordon Chang's book The Coming Collapse of China was published in 2001."],
        "other sense": [
            "The bridge will collapse before the monsoon.",
            "Arsenal's title challenge is collapsing.",
            "Prices will fall by 3% next year.",
            "The council will vote on the budget next week.",
        ],
    },
    "unverified": {
        "hedge": [
            "Two generals were reportedly executed last month.",
            "Two generals may have been executed last month.",
            "Two generals were allegedly executed last month.",
            "Two generals appear to have been executed last month.",
        ],
        "attribution": [
            "A source in the ministry said two generals were executed last month.",
            "Two generals were executed last month, a source in the ministry said.",
            "According to a source in the ministry, two generals were executed last month.",
            "State television announced the executions of two generals.",
            "Reports are coming in that two generals were executed last month.",
        ],
        "quote": ['"Two generals were executed last month," a defector said.'],
        "question": ["Were two generals executed last month?"],
        "conditional": [
            "If confirmed, the executions would be the first this year.",
            "If two generals were executed, the purge has reached the top.",
        ],
        "negation": [
            "It has not been confirmed that two generals were executed last month.",
            "There is no evidence that two generals were executed last month.",
            "The two generals were not executed, as it turned out.",
        ],
        "embedded": ["Rumours that two generals were executed last month have not been confirmed."],
        "paragraph": [
            "A defector told the BBC about a purge in the ministry. Two generals were executed last month, "
            "and their families were sent to a camp.",
            "A former guard described the camp to us in detail. He said prisoners were beaten. "
            "Two of them were shot for trying to escape.",
            "The account that follows comes from a former guard now living in Seoul. "
            "Prisoners were interrogated at night, and two of them were shot for trying to escape.",
            "A former guard spoke to us from Seoul. In his telling, the prisoners were taken out before dawn. "
            "Two of them were hanged that morning.",
            "A former official offered us the most detailed description we have heard of the court. "
            "Ministers learn of their dismissal from the evening news. "
            "A deputy minister was held for months in a guesthouse outside the capital.",
        ],
        "public record": ["Two men were executed in Texas last month after the court rejected their appeals."],
        "history": ["Two generals were executed in 1997.", "The founder died in 1994."],
        "other sense": [
            "The board executed the merger plan last month.",
            "The striker defected to a rival club in January.",
            "The team's defence collapsed in the second half.",
        ],
    },
    "certainty": {
        "hedge": ["The new checkpoints may suggest the army is afraid."],
        "negation": ["The new checkpoints do not prove the army is afraid.", "This does not prove the talks failed."],
        "attribution": ["Critics say the new checkpoints clearly prove the army is afraid."],
        "quote": ['"The checkpoints clearly prove the army is afraid," a diplomat said.'],
        "question": ["Do the new checkpoints prove the army is afraid?"],
        "conditional": ["If the checkpoints stay, that would prove the army is afraid."],
        "embedded": ["Editors should be wary of treating the checkpoints as proof that the army is afraid."],
        "finding": ["Researchers have shown that prices track the exchange rate."],
    },
}


@pytest.mark.parametrize(
    "category,kind,text",
    [(c, k, t) for c, kinds in CLEARED.items() for k, ts in kinds.items() for t in ts],
)
def test_not_the_writers_claim_is_not_flagged(check, category, kind, text):
    found = check(text, category=category)
    assert not found, f"{kind}: {text!r} flagged {[(f.rule, f.text) for f in found]}"


def test_turn_to_analysis_ends_paragraph_attribution(check):
    text = (
        "A defector told the BBC about a purge in the ministry. "
        "This means the army is terrified of its own officers, and the deputy minister was executed last month."
    )
    assert check(text, category="unverified")


def test_separately_starts_a_new_account(check):
    text = (
        "Four campaign workers were detained in Barinas, the attorney general's office said. "
        "Separately, two army colonels crossed into Colombia last weekend."
    )
    assert check(text, category="unverified")


def test_attribution_does_not_cross_paragraphs(check):
    text = "A defector told the BBC about a purge in the ministry.\n\nTwo generals were executed last month."
    assert check(text, category="unverified")


def test_headline_is_the_writers_claim(check):
    assert check("North Korea's Regime Will Collapse Within A Year", category="forecast") or check(
        "North Korea's regime will collapse within a year", category="forecast"
    )


def test_finding_records_the_checks_made(check):
    (finding,) = check("The junta will collapse before the monsoon.", category="forecast")
    kinds = {c.kind for c in finding.context}
    assert {"question", "hedge", "attribution", "quote", "conditional", "negation", "embedded", "past"} <= kinds
    assert all(c.result in ("absent", "ignored") for c in finding.context)


def test_first_person_is_not_attribution(check):
    (finding,) = check("I have no doubt the junta will be gone by spring.", category="forecast")
    ignored = [c for c in finding.context if c.result == "ignored"]
    assert ignored, "the first-person cue should be recorded as seen but not clearing"
