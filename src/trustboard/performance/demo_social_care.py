"""Real children's social care indicators for the demo, from DfE's published tables.

The DfE files in trustboard/demo/data/dfe_childrens_social_care are
explore-education-statistics downloads (OGL v3.0) with counts for England, each region and
each local authority. They are turned into Trustboard's tidy import format and imported
through the ordinary import, so Trustboard computes the confidence limits from the counts.
Suppressed cells (c, x, u, z) are left out. DfE's "2013" is the year ending 31 March 2013,
shown as 2012/13."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from trustboard.performance.imports import data_import
from trustboard.performance.models import Frequency, Indicator, Polarity, ValueType
from trustboard.performance.readers import TIDY_FORMAT
from trustboard.performance.services import indicators_create

FOLDER = Path("dfe_childrens_social_care")
SOURCE = "DfE children's social care statistics"
_OGL = " Contains public sector information licensed under the Open Government Licence v3.0."


@dataclass(frozen=True)
class SocialCareIndicator:
    source_id: str
    name: str
    definition: str
    unit: str
    value_type: str
    multiplier: int
    polarity: str
    file: str
    count: str
    denominator: str  # a column of the file, or "population" for children aged 0 to 17


INDICATORS = (
    SocialCareIndicator(
        "dfe-c1-rereferrals", "Re-referrals to children's social care within 12 months",
        "Referrals in the year that were within 12 months of a previous referral of the same "
        "child, as a percentage of all referrals (DfE Children in need, table C1)." + _OGL,
        "% of referrals", ValueType.PROPORTION, 100, Polarity.LOWER_IS_BETTER,
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "rereferral_count", "referral_count"),
    SocialCareIndicator(
        "dfe-d3-subsequent-cpp",
        "Child protection plans starting that were a second or subsequent plan",
        "Child protection plans started in the year that were the child's second or "
        "subsequent plan, as a percentage of all plans started (DfE Children in need, "
        "table D3)." + _OGL,
        "% of plans started", ValueType.PROPORTION, 100, Polarity.LOWER_IS_BETTER,
        "d3_cpps_subsequent_plan_2013_to_2025.csv", "CPP_subsequent", "CPP_start"),
    SocialCareIndicator(
        "dfe-b1-cin-rate", "Children in need at 31 March, rate per 10,000 children",
        "Children in need episodes open at 31 March per 10,000 children aged 0 to 17 (DfE "
        "Children in need, table B1, over the ONS mid-year estimate of the previous June)."
        + _OGL,
        "per 10,000 children aged 0 to 17", ValueType.CRUDE_RATE, 10_000, Polarity.NO_JUDGEMENT,
        "b1_children_in_need_2013_to_2025.csv", "At31_episodes", "population"),
    SocialCareIndicator(
        "dfe-cla-rate", "Children looked after at 31 March, rate per 10,000 children",
        "Children looked after on 31 March per 10,000 children aged 0 to 17 (DfE Children "
        "looked after in England)." + _OGL,
        "per 10,000 children aged 0 to 17", ValueType.CRUDE_RATE, 10_000, Polarity.NO_JUDGEMENT,
        "cla_number_and_rate_per_10k_children.csv", "children_count", "population_estimate"),
)
POPULATION_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"
_CLA_POPULATION_TYPE = "Children looked after on 31 March each year"


def social_care_files(folder: Path) -> list[Path]:
    """The DfE files the demo reads under `folder`, the population estimates last."""
    return [folder / FOLDER / name for name in (*(item.file for item in INDICATORS),
                                                  POPULATION_FILE)]


def social_care_demo_load(*, by, folder: Path, area_codes: set[str]) -> int:
    """Create the four indicators (once) and import their data; return data points held."""
    known = set(Indicator.objects.filter(source=SOURCE).values_list("source_id", flat=True))
    indicators_create(by=by, published=True, indicators=[  # DfE's national statistics
        Indicator(name=item.name, definition=item.definition, unit=item.unit,
                  value_type=item.value_type, multiplier=item.multiplier,
                  polarity=item.polarity, source=SOURCE, source_id=item.source_id,
                  frequency=Frequency.FINANCIAL_YEAR)
        for item in INDICATORS if item.source_id not in known])
    population = _population(folder / FOLDER / POPULATION_FILE)
    tidy = pl.concat([_tidy(item, folder / FOLDER / item.file, population)
                      for item in INDICATORS])
    tidy = tidy.filter(pl.col("area_code").is_in(sorted(area_codes)))
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "dfe-childrens-social-care.csv"
        tidy.write_csv(path)
        record = data_import(path=path, by=by, format=TIDY_FORMAT)
    return record.created + record.updated + record.unchanged


def _read(path: Path) -> pl.DataFrame:
    frame = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")
    frame = frame.rename({name: name.lstrip("\ufeff") for name in frame.columns})
    code = (pl.when(pl.col("geographic_level") == "National").then(pl.col("country_code"))
            .when(pl.col("geographic_level") == "Regional").then(pl.col("region_code"))
            .otherwise(pl.col("new_la_code")))
    return frame.with_columns(code.alias("area_code"),
                              pl.col("time_period").cast(pl.Int32).alias("year"))


def _population(path: Path) -> pl.DataFrame:
    """Children aged 0 to 17 by area, keyed by the DfE year they are the denominator of."""
    return _read(path).select(
        "area_code", (pl.col("year") + 1).alias("year"),
        pl.col("population_estimate").cast(pl.Float64, strict=False).alias("population"))


def _tidy(item: SocialCareIndicator, path: Path, population: pl.DataFrame) -> pl.DataFrame:
    frame = _read(path)
    if item.source_id == "dfe-cla-rate":
        frame = frame.filter(pl.col("population_type") == _CLA_POPULATION_TYPE)
    if item.denominator == "population":
        frame = frame.join(population, on=["area_code", "year"], how="inner")
    count = pl.col(item.count).cast(pl.Float64, strict=False)
    denominator = pl.col(item.denominator).cast(pl.Float64, strict=False)
    frame = frame.with_columns(count.alias("count"), denominator.alias("denominator"))
    frame = frame.filter(pl.col("count").is_not_null() & (pl.col("denominator") > 0))
    value = (pl.col("count") / pl.col("denominator") * item.multiplier).round(1)
    period = (pl.col("year") - 1).cast(pl.String) + "/" + (pl.col("year") % 100).cast(
        pl.String).str.zfill(2)
    return frame.select(
        pl.lit(item.source_id).alias("indicator"), "area_code", period.alias("period"),
        value.alias("value"), pl.col("count").cast(pl.Int64), pl.col("denominator").cast(
            pl.Int64)).unique(subset=["area_code", "period"], keep="first")
