"""The quiz file and its seven question types (pydantic; validated at load, frozen)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from course.content.models import Scoring, Slug, StrictModel, Text, content_rule


class Option(StrictModel):
    """One option of a choice question, with the feedback shown when it is picked."""

    text: Text
    correct: bool = False
    feedback: Text | None = None


class QuestionBase(StrictModel):
    """Fields every question type shares."""

    id: Text
    prompt: Text
    points: float = Field(default=1, gt=0)
    explanation: Text
    objective: Slug | None = None
    module: Slug | None = Field(default=None, description="the module checked (final exam)")
    scoring: Scoring | None = None


class SingleChoice(QuestionBase):
    """Exactly one right option."""

    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _one_right_option(cls, options: list[Option]) -> list[Option]:
        right = sum(option.correct for option in options)
        if right != 1:
            raise content_rule(
                f"une question à choix unique doit avoir exactement une bonne réponse "
                f"(correct: true) ; elle en a {right}."
            )
        return options


class MultipleChoice(QuestionBase):
    """One or more right options."""

    type: Literal["multiple_choice"]
    options: list[Option] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _some_right_option(cls, options: list[Option]) -> list[Option]:
        if not any(option.correct for option in options):
            raise content_rule(
                "une question à choix multiple doit avoir au moins une bonne réponse "
                "(correct: true)."
            )
        return options


class TrueFalse(QuestionBase):
    """A statement that is true or false."""

    type: Literal["true_false"]
    answer: bool
    feedback_true: Text | None = None
    feedback_false: Text | None = None


class Pair(StrictModel):
    """A left item and the right item it matches."""

    left: Text
    right: Text


class Matching(QuestionBase):
    """Match each left item to its right item."""

    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)

    @field_validator("pairs")
    @classmethod
    def _distinct_sides(cls, pairs: list[Pair]) -> list[Pair]:
        for side, where in (("left", "à gauche"), ("right", "à droite")):
            values = [getattr(pair, side) for pair in pairs]
            if len(set(values)) != len(values):
                raise content_rule(
                    f"deux paires ont le même élément {where} : chaque élément doit être unique."
                )
        return pairs


class Ordering(QuestionBase):
    """Put items back in order; `items` is written in the right order."""

    type: Literal["ordering"]
    items: list[Text] = Field(min_length=2)

    @field_validator("items")
    @classmethod
    def _distinct_items(cls, items: list[str]) -> list[str]:
        if len(set(items)) != len(items):
            raise content_rule(
                "deux éléments à ordonner sont identiques : chacun doit être unique."
            )
        return items


class ShortText(QuestionBase):
    """A few words typed by the learner, compared with the accepted answers."""

    type: Literal["short_text"]
    answers: list[Text] = Field(min_length=1)
    typo_tolerance: int = Field(default=0, ge=0)


class Numeric(QuestionBase):
    """A number: `answer` ± `tolerance`, or within [`min`, `max`]."""

    type: Literal["numeric"]
    answer: float | None = None
    tolerance: float = 0
    min: float | None = None
    max: float | None = None
    unit: Text | None = None

    @field_validator("tolerance")
    @classmethod
    def _non_negative_tolerance(cls, tolerance: float) -> float:
        if tolerance < 0:
            raise content_rule("la tolérance ne peut pas être négative.")
        return tolerance

    @field_validator("max")
    @classmethod
    def _range_in_order(cls, maximum: float | None, info: object) -> float | None:
        minimum = getattr(info, "data", {}).get("min")
        if maximum is not None and minimum is not None and minimum > maximum:
            raise content_rule(f"min ({minimum:g}) est plus grand que max ({maximum:g}).")
        return maximum

    def model_post_init(self, _context: object) -> None:
        """Exactly one way of saying what is right: `answer` or the pair `min`/`max`."""
        has_range = self.min is not None or self.max is not None
        if (self.answer is None) == (not has_range) or (has_range and None in (self.min, self.max)):
            raise content_rule(
                "indiquez soit « answer » (avec « tolerance »), soit « min » et « max »."
            )


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Matching | Ordering | ShortText | Numeric,
    Field(discriminator="type"),
]
QUESTION_TYPES = (
    "single_choice",
    "multiple_choice",
    "true_false",
    "matching",
    "ordering",
    "short_text",
    "numeric",
)


class Quiz(StrictModel):
    """A quiz file: settings and its pool of questions."""

    id: Slug
    title: Text
    lesson: Slug | None = None
    pass_mark: float = Field(default=70, ge=0, le=100)
    shuffle: bool = False
    draw: int | None = Field(default=None, ge=1)
    max_attempts: int | None = Field(default=None, ge=1)
    scoring: Scoring = "partial"
    attempt_counts: Literal["best", "last"] = "best"
    time_limit: int | None = Field(default=None, ge=1, description="minutes")
    feedback: Literal["immediate", "end"] = "end"
    display: Literal["one_at_a_time", "all"] = "one_at_a_time"
    questions: list[Question] = Field(min_length=1)


# --- Glossary ------------------------------------------------------------------------------
