"""Scope shapes found on real published pages and in general news (issue 9):
each family must stay unflagged in reworded variants, and the writer's own
claim right next to each shape must still flag.

The sentences are written for this suite; none is copied from those pages.
"""

from __future__ import annotations

import pytest

NOT_THE_WRITERS_CLAIM = {
    # a headline or sentence whose verb attributes: the subject forecasts, the writer reports
    "reporting verb, any tense": [
        ("forecast", "Exile warns of junta's imminent collapse"),
        ("forecast", "Former spy chief predicts Kim regime will fall within months"),
        ("forecast", "Opposition insists Maduro's days are numbered"),
        ("unverified", "Activist claims colonel was executed"),
        ("unverified", "Defector alleges two generals were shot"),
        ("forecast", "The rebel commander spoke of the regime's coming collapse."),
    ],
    "aspectual verb over a reporting verb": [
        ("forecast", "Commentators keep announcing that the dynasty is doomed."),
        ("forecast", "Pundits continue to predict that the ayatollahs will be gone within the year."),
        ("forecast", "Hawks never tire of claiming that the Kremlin is about to crack."),
    ],
    "appearance hedge": [
        ("forecast", "It appears as though the junta is doomed."),
        ("forecast", "It looks more and more as if the generals are close to the end."),
        ("unverified", "It seems as though the colonel was executed."),
    ],
    "an organisation as the speaker": [
        ("unverified", "A wire agency reported last spring that the minister had been shot."),
        ("unverified", "The vice-premier has been executed for criticising the forestry plan, the Seoul news agency said on Wednesday, citing a source."),
        ("unverified", "The deputy minister was purged for disloyalty, a South Korean television network said on Friday."),
    ],
    "a reputation, not an event": [
        ("unverified", "The interior minister is notorious abroad for having rivals killed."),
        ("unverified", "He is infamous for executing officials who doze off in meetings."),
        ("unverified", "The colonel has a reputation for making critics disappear."),
        ("unverified", "The security chief is feared for sending dissidents to the camps."),
        ("unverified", "She is known for having her deputies arrested at night."),
    ],
    "someone else's conviction or worry": [
        ("forecast", "Few in the capital are convinced that the president will step down."),
        ("forecast", "The president must be worried that he is going to be pushed out. That his days are numbered."),
        ("forecast", "The generals are afraid that the regime will collapse."),
    ],
    "a negated quantifier": [
        ("certainty", "Not everyone is convinced that selling the gold reserves is the best way forward."),
        ("certainty", "Not all diplomats are sure that the talks have failed."),
        ("certainty", "While the plan seems popular, not everyone is convinced that it will work."),
    ],
    "a calibrated estimate": [
        ("certainty", "The North's behaviour almost certainly reflects turmoil among the elite."),
        ("certainty", "The purge almost certainly shows the leader's fear of the army."),
    ],
    "a normative conclusion": [
        ("certainty", "It is obvious that everyone must prepare for every outcome."),
        ("certainty", "There is no doubt that the allies should be ready for a messy succession."),
        ("certainty", "Undoubtedly, governments ought to plan for refugees if the fighting spreads."),
        ("certainty", "Clearly, diplomats need to be ready for a sudden succession."),
        ("certainty", "It is obvious that we have to prepare for the worst."),
    ],
    "public record": [
        ("unverified", "Iran jails blogger for 14 years"),
        ("unverified", "Court jails opposition leader for five years"),
        ("unverified", "Police arrest opposition leader in Minsk"),
        ("unverified", "Opposition leader arrested. Police said the party leader was detained at his home on Tuesday."),
        ("unverified", "During the scuffle a guest was stabbed as he was being dragged away by security staff; the rapper is due in court on one charge of attempted murder."),
        ("unverified", "The aid worker was abducted in Baghdad on 19 October. He denied a report that he planned to appeal to the kidnappers on television."),
        ("unverified", "They were detained in the camp three years ago. The minister said the US had agreed to release the four."),
    ],
    "settled history": [
        ("unverified", "An estimated 25,000 women were raped during the 1994 genocide. About 800,000 people were killed by militias after the assassination of the president."),
        ("unverified", "Shares in the company founded by assassinated former prime minister Rafik Hariri fell 15% in Beirut."),
    ],
    "a non-political topic": [
        ("certainty", "There can be no doubt that the national squad will be the biggest ever sent on a rugby tour."),
        ("certainty", "There is no doubt that camera phones with colour screens are hugely popular with handset buyers."),
        ("certainty", "Clearly, the carbon of our bodies and the silicon of our computers are merging."),
        ("certainty", "The quarterly figures prove beyond doubt that the retailer's turnaround is working."),
        ("certainty", "Once they dominate the living room, there is no doubt that they hope to take over the desktop PC and start a regime change in software."),
    ],
    "a reported finding": [
        ("certainty", "The calculations demonstrated what many analysts already knew: higher tax rates increase what managers hide."),
    ],
    "careful columns": [
        ("forecast", "We should be wary of reading these departures as proof that the government is about to fall."),
        ("unverified", "There are rumours that the escort officers were shot."),
        ("forecast", "Persistent whispers and outright declarations of its impending collapse have followed the regime for forty years."),
        ("forecast", "For all the talk that the government could be tottering, the ministries opened on Monday."),
    ],
}

WRITERS_OWN_CLAIM = [
    # right after a mere mention of a forecast, the writer's own
    ("forecast", "Commentators keep announcing that the dynasty is doomed. They are right. The dynasty will not survive the decade."),
    ("forecast", "A dissident once forecast the swift fall of the junta. The junta will fall."),
    ("forecast", "Junta will fall by spring"),
    ("forecast", "It looks as if the generals are close to the end, and make no mistake, they are: the junta will be gone by summer."),
    # a reputation frame nearby, the event itself asserted
    ("unverified", "The interior minister's rivals were shot in prison last winter."),
    ("unverified", "The general was accused of treason and shot the same night."),
    # an organisation named, but not as the source of the claim
    ("unverified", "The general was executed and his deputy fled, and the army said nothing."),
    # the police or courts in the sentence, but acting in secret
    ("unverified", "Secret police arrested the general's aide at his flat on Tuesday night and took him to an unknown location."),
    ("unverified", "The colonel was shot without trial after the purge."),
    ("unverified", "The regime jailed the blogger in secret and has told his family nothing."),
    # a dated report is not history
    ("unverified", "The vice-premier was executed by firing squad in May."),
    ("unverified", "During the 2022 war, two generals were secretly executed."),
    # boosters of a political claim, or about what is rather than what to do
    ("certainty", "There can be no doubt that the regime's days are numbered."),
    ("certainty", "Clearly, the junta is doomed."),
    ("certainty", "It is obvious that the regime will collapse within months."),
    ("certainty", "The success of the rebel offensive must surely herald the end of the military government."),
    ("certainty", "The mutiny clearly proves the army is finished as a fighting force for the junta."),
    ("certainty", "I am convinced that the junta will fall."),
    ("certainty", "Nobody can doubt that the dictatorship is finished."),
    ("forecast", "Everyone is convinced that the junta is finished."),
    ("forecast", "The junta is sure to collapse before the rains."),
    ("forecast", "It is certain that the family will still be ruling in 2040."),
    ("certainty", "The arrests tell us all we need to know about the regime's plans."),
    # a topic word in the sentence, but the claim political
    ("certainty", "There is no doubt that the junta's generals, fresh from a televised gaming marathon, are finished as a government."),
]


@pytest.mark.parametrize(
    "shape,category,text",
    [(shape, c, t) for shape, items in NOT_THE_WRITERS_CLAIM.items() for c, t in items],
)
def test_shape_is_not_the_writers_claim(check, shape, category, text):
    found = check(text, category=category)
    assert not found, f"{shape}: {text!r} flagged {[(f.rule, f.text) for f in found]}"


@pytest.mark.parametrize("category,text", WRITERS_OWN_CLAIM)
def test_writers_own_claim_next_to_the_shape_flags(check, category, text):
    assert check(text, category=category), text


def test_new_checks_are_recorded(check):
    # the new scope kinds run on every certainty trigger and are reported
    (finding,) = check("Clearly, the junta is doomed.", category="certainty")
    kinds = {c.kind for c in finding.context}
    assert {"normative", "topic"} <= kinds
