"""The mock-up cards of data/maquettes.yaml: tweets, Facebook posts, banners, tabs (pydantic)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, RootModel, field_validator

from course.content.models import Slug, StrictModel, Text, content_rule

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
    replies: list[Reply] = Field(default_factory=list)


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
    buttons: list[Text] = Field(default_factory=list)
    note: Text | None = None


class DonationTabCard(MockupBase):
    """A donation tab: why give, the amounts proposed, the tax reduction."""

    type: Literal["donation_tab"]
    page: Text
    title: Text
    text: Text
    amounts: list[Text] = Field(default_factory=list)
    button: Text
    tax_note: Text | None = None


Mockup = Annotated[
    TweetCard | FacebookPostCard | CoverBannerCard | PageTabCard | DonationTabCard,
    Field(discriminator="type"),
]


class MockupEntry(RootModel[Mockup]):
    """One item of data/maquettes.yaml (a card of any type)."""

    model_config = ConfigDict(frozen=True)
