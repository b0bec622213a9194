"""« Quel réseau pour mon association ? »: networks ranked from a cause, an audience, goals, time.

Each rule of the table (course/exercises/networks.py) that matches the learner's answers gives
a network points and a reason from the course. Facebook, the source's « réseau par excellence »,
always scores, so every combination recommends at least one network.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from course.exercises import InvalidInput
from course.exercises.networks import (
    AUDIENCES,
    CAUSES,
    GOALS,
    NETWORKS,
    RESERVE_ADVICE,
    RULES,
    TIMES,
    Choice,
    TimeBudget,
)

EXERCISE_ID = "quel-reseau"


def _check(value: str, choices: Iterable[Choice | TimeBudget], what: str) -> None:
    known = [choice.id for choice in choices]
    if value not in known:
        raise InvalidInput(
            f"{what} inconnu(e) : « {value} ». Choisissez parmi : {', '.join(known)}."
        )


def _ordinal(rank: int) -> str:
    return "1er choix" if rank == 1 else f"{rank}e choix"


def advise(cause: str, audiences: Iterable[str], goals: Iterable[str], time: str) -> dict[str, Any]:
    """Networks ranked for this association, each with the course's reasons, as a plain dict."""
    audiences, goals = list(dict.fromkeys(audiences)), list(dict.fromkeys(goals))
    _check(cause, CAUSES, "Cause")
    for audience in audiences:
        _check(audience, AUDIENCES, "Public")
    for goal in goals:
        _check(goal, GOALS, "Objectif")
    _check(time, TIMES, "Temps disponible")
    budget = next(t for t in TIMES if t.id == time)
    criteria = {
        f"cause:{cause}",
        *(f"audience:{a}" for a in audiences),
        *(f"goal:{g}" for g in goals),
    }
    scored = []
    for order, network in enumerate(NETWORKS):
        rules = sorted(
            (r for r in RULES if r.network == network.id and r.criterion in criteria),
            key=lambda r: -r.points,
        )
        score = network.base + sum(r.points for r in rules)
        if score > 0:
            scored.append((-score, order, network, [r.reason for r in rules]))
    scored.sort(key=lambda item: (item[0], item[1]))
    kept, others = scored[: budget.networks], scored[budget.networks :]
    return {
        "exercise": EXERCISE_ID,
        "inputs": {"cause": cause, "audiences": audiences, "goals": goals, "time": time},
        "recommended": [
            {
                "id": network.id,
                "name": network.name,
                "rank": rank,
                "rank_label": _ordinal(rank),
                "score": -negative,
                "summary": network.summary,
                "reasons": reasons,
                "today": network.today,
            }
            for rank, (negative, _, network, reasons) in enumerate(kept, start=1)
        ],
        "reserve": [network.name for _, _, network, _ in others],
        "reserve_advice": RESERVE_ADVICE if others else None,
        "time_advice": budget.advice,
    }
