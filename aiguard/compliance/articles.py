"""The EU AI Act articles the compliance report lists (rules/eu_ai_act_articles.yaml)."""

from __future__ import annotations

import re
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from aiguard.paths import builtin_rules_dir

FRAMEWORK = "eu-ai-act"
_ARTICLE = re.compile(r"^(Art\. \d+|Annex [IVXLC]+)")


class Article(BaseModel):
    """One article: its title, whether infrastructure can evidence any of it, and what
    of it no manifest can show."""

    model_config = ConfigDict(extra="forbid")

    ref: str
    title: str
    infrastructure: bool
    beyond: str


def load_articles() -> list[Article]:
    """The article list, in the order of the Regulation (articles, then annexes)."""
    path = builtin_rules_dir() / "eu_ai_act_articles.yaml"
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return [Article(**entry) for entry in data["articles"]]


def article_of(ref: str) -> str:
    """`Art. 12(1)` -> `Art. 12`; `Annex IV point 9` -> `Annex IV`."""
    match = _ARTICLE.match(ref)
    return match.group(1) if match else ref


Status = Literal["open findings", "waived", "no findings", "not applicable"]
