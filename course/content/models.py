"""Typed models of every content kind; `extra="forbid"` turns author typos into errors."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Scoring = Literal["partial", "all_or_nothing"]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def content_rule(message: str) -> PydanticCustomError:
    """An author-facing rule violation whose French message is shown as written."""
    return PydanticCustomError("content_rule", message)


class StrictModel(BaseModel):
    """Frozen, and unknown keys are errors rather than silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Course settings (course.yaml) ---------------------------------------------------------


class CourseInfo(StrictModel):
    """What the home page says about the course as a whole."""

    title: Text
    tagline: Text
    audience: Text
    description: Text
    start_advice: Text | None = None


# --- Settings (reglages.yaml) ----------------------------------------------------------------

URL_PATTERN = r"^https?://[^\s]+$"
PublicUrl = Annotated[str, StringConstraints(strip_whitespace=True, pattern=URL_PATTERN)]


class CompletionRule(StrictModel):
    """What a learner must do to complete the course and receive the certificate."""

    module_quizzes_passed: bool = True
    modules_completed: bool = False  # every module marked « J'ai terminé ce module »
    final_exam: Slug | None = None  # a quiz to pass at its pass mark (null: no exam)


class CertificateSettings(StrictModel):
    """Who issues the certificate, and where its verification link points."""

    organisation: Text
    signatory_name: Text
    signatory_role: Text
    public_url: PublicUrl  # the address learners use; $COURSE_PUBLIC_URL overrides it


class BadgeSettings(StrictModel):
    """The Open Badges 2.0 badge that comes with the certificate."""

    name: Text
    description: Text
    criteria: Text
    issuer_url: PublicUrl
    issuer_email: Text | None = None


class DataSettings(StrictModel):
    """Personal data: who is responsible, whom to ask, how long records are kept."""

    controller: Text
    contact: Text
    retention_months: int = Field(ge=1, le=120)


class CourseSettings(StrictModel):
    """reglages.yaml: the completion rule, the certificate, the badge and personal data."""

    completion: CompletionRule = CompletionRule()
    certificate: CertificateSettings
    badge: BadgeSettings
    data: DataSettings


# --- Lessons -------------------------------------------------------------------------------


class Objective(StrictModel):
    """A learning objective; quiz questions name the objective they check."""

    id: Slug
    text: Text


class LessonMeta(StrictModel):
    """The YAML front matter of a lesson file."""

    id: Slug | None = None
    title: Text
    order: int = Field(ge=1)
    duration: int = Field(ge=1, description="minutes")
    summary: Text | None = None
    objectives: list[Objective] = Field(min_length=1)
    quiz: Slug | None = None
    sources: list[Text] = []


# --- Quizzes (format: see README « Format des quiz ») -------------------------------------


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


class GlossaryTerm(StrictModel):
    """One glossary entry; `lesson` is the module that teaches it."""

    id: Slug
    term: Text
    definition: Text
    example: Text | None = None
    related: list[Slug] = []
    synonyms: list[Text] = []
    lesson: Slug | None = None


# --- Figures (data/stats.csv) and charts (data/charts.yaml) -------------------------------

Unit = Literal["billion", "million", "thousand", "people", "percent"]


class Stat(StrictModel):
    """One dated, sourced figure: a value of one metric for one scope."""

    scope: Text
    metric: Text
    value: float = Field(ge=0)
    unit: Unit
    date: Annotated[str, StringConstraints(pattern=DATE_PATTERN)]
    source: Text
    status: Literal["confirmed", "unconfirmed"] = "confirmed"
    note: str = ""


class SeriesFilter(StrictModel):
    """Which rows of stats.csv a chart shows."""

    scopes: list[Text] = Field(min_length=1)
    metrics: list[Text] = Field(min_length=1)
    date_from: str | None = None
    date_to: str | None = None


class ChartSpec(StrictModel):
    """A chart drawn from stats.csv; `alt` is its text alternative."""

    id: Slug
    title: Text
    kind: Literal["bar", "line"]
    select: SeriesFilter
    alt: Text
    caption: Text | None = None


# --- Mock-ups of the source's screenshots (data/maquettes.yaml) -------------------------------

Count = Annotated[int, Field(ge=0)]


class MockupSource(StrictModel):
    """Which part of the source text a mock-up recreates, and when what it shows was published."""

    part: Text
    date: Text


class MockupBase(StrictModel):
    """What every card shares: its text alternative and what it recreates."""

    id: Slug
    alt: Text
    source: MockupSource
    illustrative: bool = (
        False  # « Exemple reconstitué » : not what the source reports word for word
    )


class LinkPreview(StrictModel):
    """The preview of a shared link under a post."""

    title: Text
    domain: Text
    excerpt: Text | None = None


class Reply(StrictModel):
    """A comment under a post (names of private people replaced by a description)."""

    author: Text
    text: Text
    date: Text | None = None


class TweetCard(MockupBase):
    """A tweet: links, #hashtags and @mentions are highlighted when drawn."""

    type: Literal["tweet"]
    name: Text
    handle: str | None = None
    date: Text
    text: Text
    retweeted_by: Text | None = None
    replies: Count | None = None
    retweets: Count | None = None
    likes: Count | None = None

    @field_validator("handle")
    @classmethod
    def _handle_form(cls, handle: str | None) -> str | None:
        if handle is not None and not re.fullmatch(r"@\w{1,15}", handle):
            raise content_rule(
                "un nom de compte s'écrit « @ » suivi de 1 à 15 lettres, chiffres ou « _ » "
                "(ex. « @RSF_RWB »)."
            )
        return handle


class FacebookPostCard(MockupBase):
    """A post on a Facebook page, with an optional link preview and comments."""

    type: Literal["facebook_post"]
    page: Text
    action: Text | None = None
    date: Text | None = None
    text: Text
    link: LinkPreview | None = None
    likes: Count | None = None
    comments: Count | None = None
    liked_by: Text | None = None
    replies: list[Reply] = []


class CoverBannerCard(MockupBase):
    """The top of a page: the cover banner's message, the page name and category."""

    type: Literal["cover_banner"]
    page: Text
    headline: Text
    tagline: Text | None = None
    category: Text | None = None
    call_to_action: Text | None = None


class PageTabCard(MockupBase):
    """A custom tab of a page: an operation, a newsletter sign-up…"""

    type: Literal["page_tab"]
    page: Text
    title: Text
    tagline: Text | None = None
    text: Text
    field: Text | None = None
    buttons: list[Text] = []
    note: Text | None = None


class DonationTabCard(MockupBase):
    """A donation tab: why give, the amounts proposed, the tax reduction."""

    type: Literal["donation_tab"]
    page: Text
    title: Text
    text: Text
    amounts: list[Text] = []
    button: Text
    tax_note: Text | None = None


Mockup = Annotated[
    TweetCard | FacebookPostCard | CoverBannerCard | PageTabCard | DonationTabCard,
    Field(discriminator="type"),
]


class MockupEntry(RootModel[Mockup]):
    """One item of data/maquettes.yaml (a card of any type)."""

    model_config = ConfigDict(frozen=True)
