"""The price catalogue (rules/prices.yaml) and the user's overrides, as one price book.

The catalogue is read from its file, not from the policies' data document, so that a
mistake in it can be reported with its file and line like any configuration error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, PositiveFloat, ValidationError
from ruamel.yaml import YAML

from aiguard.config import yaml_line_of
from aiguard.costing.settings import CostSettings, HourlyPrice
from aiguard.errors import ConfigError
from aiguard.paths import builtin_rules_dir


class InstancePrice(BaseModel):
    """One instance or machine type: its hourly price per region and where it comes from."""

    model_config = ConfigDict(extra="forbid")

    hourly: dict[str, PositiveFloat] = Field(min_length=1)
    source: str = Field(pattern=r"^https://")
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    checked: str | None = None
    note: str | None = None


class GpuHourPrice(BaseModel):
    """The price of one GPU for one hour, with where it comes from."""

    model_config = ConfigDict(extra="forbid")

    hourly: PositiveFloat
    source: str = Field(pattern=r"^https://")
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    note: str | None = None


class Catalogue(BaseModel):
    """rules/prices.yaml."""

    model_config = ConfigDict(extra="forbid")

    currency: str = Field(pattern=r"^[A-Z]{3}$")
    hours_per_month: PositiveFloat
    reference_regions: dict[str, str]
    instance_types: dict[str, InstancePrice]
    gpu_hour: dict[str, GpuHourPrice]
    default_gpu_hour: GpuHourPrice


def builtin_catalogue_path() -> Path:
    """The catalogue that ships with aiguard."""
    return builtin_rules_dir() / "prices.yaml"


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate a catalogue; a mistake stops the run naming file and line.

    Read with libyaml (fast); only a catalogue that fails validation is read again with
    ruamel's round-trip loader, which knows the line of every key.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"cannot read the price catalogue: {exc.strerror}", file=str(path)
        ) from exc
    try:
        raw = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        prefix = "invalid YAML in the price catalogue"
        raise ConfigError.from_yaml_error(prefix, exc, str(path)) from exc
    try:
        return Catalogue.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        where = ".".join(str(part) for part in loc)
        raise ConfigError(
            f"price catalogue {where}: {error['msg']}; see docs/cost.md for its format",
            file=str(path),
            line=yaml_line_of(YAML(typ="rt").load(text), loc),
        ) from exc


@dataclass(frozen=True)
class Price:
    """An hourly price and the words that say where it came from, for the basis."""

    hourly: float
    origin: str


class PriceBook:
    """Prices as the estimate uses them: the user's first, then the catalogue's.

    The catalogue is only consulted when the user's currency is the catalogue's: mixing
    currencies would give a number that means nothing.
    """

    def __init__(self, catalogue: Catalogue, settings: CostSettings) -> None:
        self.catalogue = catalogue
        self.settings = settings
        self.currency = settings.currency
        self.hours_per_month = settings.hours_per_month or catalogue.hours_per_month
        self._use_catalogue = settings.currency == catalogue.currency
        self._user_types = {k.lower(): v for k, v in settings.instance_types.items()}
        self._user_gpus = {k.lower(): v for k, v in settings.gpu_hour.items()}
        self._types = {k.lower(): v for k, v in catalogue.instance_types.items()}
        self._gpus = {k.lower(): v for k, v in catalogue.gpu_hour.items()}

    def instance(self, instance_type: str, provider: str, region: str | None) -> Price | None:
        """The hourly price of one machine of `instance_type` in `region`, if known."""
        name = instance_type.lower()
        user = self._user_types.get(name)
        price = _user_price(user, region, "costs.instance_types") if user else None
        if price is not None:
            return price
        entry = self._types.get(name) if self._use_catalogue else None
        if entry is None:
            return None
        return self._catalogue_price(entry.hourly, entry.as_of, provider, region)

    def gpu_hour(self, gpu_type: str | None, region: str | None) -> Price | None:
        """The hourly price of one GPU of the model, if known."""
        if not gpu_type:
            return None
        name = gpu_type.lower()
        user = self._user_gpus.get(name)
        price = _user_price(user, region, "costs.gpu_hour") if user else None
        if price is not None:
            return price
        entry = self._gpus.get(name) if self._use_catalogue else None
        if entry is None:
            return None
        return Price(entry.hourly, f"rules/prices.yaml gpu_hour {gpu_type}, as of {entry.as_of}")

    def default_gpu_hour(self) -> Price | None:
        """The GPU-hour price for a GPU of unknown model."""
        if self.settings.default_gpu_hour is not None:
            return Price(self.settings.default_gpu_hour, ".aiguard.yaml costs.default_gpu_hour")
        if not self._use_catalogue:
            return None
        entry = self.catalogue.default_gpu_hour
        return Price(entry.hourly, f"rules/prices.yaml default_gpu_hour, as of {entry.as_of}")

    def _catalogue_price(
        self, hourly: dict[str, float], as_of: str, provider: str, region: str | None
    ) -> Price | None:
        if region and region in hourly:
            return Price(hourly[region], f"rules/prices.yaml, {region}, as of {as_of}")
        # Kubernetes node types name no provider: the entry's first region stands in.
        reference = self.catalogue.reference_regions.get(provider, next(iter(hourly)))
        if reference not in hourly:
            reference = next(iter(hourly))
        why = f"{region} not in catalogue" if region else "region unknown"
        return Price(hourly[reference], f"rules/prices.yaml, {reference} ({why}), as of {as_of}")


def _user_price(price: HourlyPrice, region: str | None, key: str) -> Price | None:
    if isinstance(price, dict):
        if region and region in price:
            return Price(price[region], f".aiguard.yaml {key}, {region}")
        return None
    return Price(price, f".aiguard.yaml {key}")


def price_book(settings: CostSettings, base_dir: Path) -> PriceBook:
    """The price book for a run: the configured catalogue (or ours) plus the overrides."""
    path = base_dir / settings.catalogue if settings.catalogue else builtin_catalogue_path()
    return PriceBook(load_catalogue(path), settings)
