"""Typed models of every content kind; `extra="forbid"` turns author typos into errors."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
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


class CoursePart(StrictModel):
    """A part of the course: its title and the `order` of its first module (the modules from
    there to the next part's first belong to it)."""

    title: Text
    first_module: int = Field(ge=1)


class CourseInfo(StrictModel):
    """What the home page says about the course as a whole."""

    title: Text
    tagline: Text
    audience: Text
    description: Text
    start_advice: Text | None = None
    parts: list[CoursePart] = Field(default_factory=list)

    @field_validator("parts")
    @classmethod
    def _parts_in_order(cls, parts: list[CoursePart]) -> list[CoursePart]:
        firsts = [part.first_module for part in parts]
        if firsts != sorted(set(firsts)):
            raise content_rule(
                "les parties doivent commencer à des modules différents, dans l'ordre."
            )
        return parts


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
