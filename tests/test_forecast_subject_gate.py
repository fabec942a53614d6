"""A state named near a forecast places it in politics only when the forecast is not about someone else by name."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "The Argentine breaks serve again, and Kowalski is now teetering on the edge of defeat.",
        "Brightwater holds on to the top of the US box office for a third week.",
        "Beaten by Poland's Anna Wilk in the heats, Okafor is finished for the season.",
    ],
)
def test_a_named_player_or_film_is_not_a_regime(check, text):
    assert not check(text, category="forecast")


@pytest.mark.parametrize(
    "text",
    [
        "Caracas is now teetering on the edge of collapse.",
        "Venezuela will collapse before the rainy season.",
        "The Assads are here to stay; nothing and no one in Damascus will move them.",
    ],
)
def test_a_state_or_a_dynasty_as_subject_still_flags(check, text):
    assert check(text, category="forecast")
