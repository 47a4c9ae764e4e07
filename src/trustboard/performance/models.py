"""Areas, statistical neighbours, indicators, targets and the data points imported for them.

A data point's period and breakdown (sex, age, category) are rows of their own: an
import of a million rows then binds four integers per row for its key instead of seven
strings and two dates, which is what lets SQLite take 200,000 Fingertips rows a second
(docs/indicators-import.md, "Speed").
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

ENGLAND_CODE = "E92000001"
#: Indicators from OHID Fingertips are found by this source and their Fingertips id.
FINGERTIPS = "OHID Fingertips"


class AreaKind(models.TextChoices):
    ENGLAND = "england", "England"
    REGION = "region", "Region"
    UPPER_TIER = "upper tier", "Upper-tier local authority"
    DISTRICT = "district", "District"
    LOCALITY = "locality", "Locality"


class Area(models.Model):
    """A place with figures: England, a region, a local authority, a district or a locality."""

    code = models.CharField(
        max_length=20, unique=True,
        help_text="GSS code, e.g. E10000024; a locality has a code the partnership chooses.",
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        help_text="The area this one sits in: England for a region, the region for a local "
                  "authority, the county for a district or locality.",
    )
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The region of a local authority, district or locality.",
    )
    dfe_la_code = models.CharField(
        "DfE local authority number", max_length=3, blank=True,
        help_text="The three-digit code DfE and the statistical neighbour tables use (891).",
    )
    is_current = models.BooleanField(
        default=True, help_text="False for authorities abolished or recoded since.")
    districts = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="localities",
        help_text="For a locality: the districts it is made of.",
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["dfe_la_code"], condition=Q(is_current=True) & ~Q(dfe_la_code=""),
                name="one_current_area_per_dfe_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_authority(self) -> bool:
        return self.kind == AreaKind.UPPER_TIER


class StatisticalNeighbour(models.Model):
    """One of an authority's ten closest authorities in a statistical neighbour model."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)], help_text="1 is the closest.")
    closeness = models.CharField(
        max_length=40, blank=True, help_text="The model's label: Extremely close ... Not close.")
    model_year = models.PositiveSmallIntegerField(help_text="The year of the model, e.g. 2025.")
    source = models.CharField(
        max_length=200, default="NFER/DfE children's services statistical neighbours")

    class Meta:
        ordering = ["area", "-model_year", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["area", "model_year", "rank"],
                                    name="one_neighbour_per_rank"),
            models.UniqueConstraint(fields=["area", "model_year", "neighbour"],
                                    name="neighbour_listed_once"),
            models.CheckConstraint(condition=Q(rank__gte=1) & Q(rank__lte=10),
                                   name="neighbour_rank_1_to_10"),
            models.CheckConstraint(condition=~Q(area=F("neighbour")),
                                   name="neighbour_is_another_area"),
        ]

    def __str__(self) -> str:
        return f"{self.neighbour} ({self.rank} of {self.area}, {self.model_year})"


class ValueType(models.TextChoices):
    PROPORTION = "proportion", "Proportion"
    CRUDE_RATE = "crude_rate", "Crude rate"
    MEAN = "mean", "Mean"
    COUNT = "count", "Count"
    DSR = "dsr", "Directly standardised rate"


class Polarity(models.TextChoices):
    """The engine's own words (engine.POLARITIES), so frames pass straight through."""

    HIGHER_IS_BETTER = "higher_is_better", "Higher is better"
    LOWER_IS_BETTER = "lower_is_better", "Lower is better"
    NO_JUDGEMENT = "no_judgement", "No judgement"


class Frequency(models.TextChoices):
    CALENDAR_YEAR = "calendar_year", "Calendar year"
    FINANCIAL_YEAR = "financial_year", "Financial year (April to March)"
    ACADEMIC_YEAR = "academic_year", "Academic year (September to August)"
    QUARTERLY = "quarterly", "Quarterly"
    MONTHLY = "monthly", "Monthly"
    OTHER = "other", "Other"


FREQUENCY_MONTHS = {
    Frequency.CALENDAR_YEAR: 12, Frequency.FINANCIAL_YEAR: 12, Frequency.ACADEMIC_YEAR: 12,
    Frequency.QUARTERLY: 3, Frequency.MONTHLY: 1, Frequency.OTHER: 12,
}


#: Months a publisher usually takes, after a period ends, to publish its value: used where
#: an indicator does not give its own lag. The DfE publishes children's social care
#: statistics for the year to 31 March in the autumn (about eight months); OHID refreshes
#: Fingertips' child health profiles about a year after a period ends. Local figures are
#: counted from the partnership's own systems within a quarter.
PUBLICATION_LAG_MONTHS = {
    FINGERTIPS: 12,
    "DfE children's social care statistics": 8,
}
DEFAULT_PUBLICATION_LAG_MONTHS = 6


class Indicator(models.Model):
    name = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=100, blank=True,
                            help_text="What the value counts, e.g. 'per 10,000 aged 0 to 14'.")
    multiplier = models.PositiveIntegerField(
        default=1, help_text="100 for a percentage, 10,000 for a rate per 10,000.")
    value_type = models.CharField(max_length=20, choices=ValueType.choices,
                                  default=ValueType.CRUDE_RATE)
    polarity = models.CharField(max_length=20, choices=Polarity.choices,
                                default=Polarity.NO_JUDGEMENT)
    source = models.CharField(max_length=100, blank=True,
                              help_text=f"Who publishes it, e.g. '{FINGERTIPS}'.")
    source_id = models.CharField(max_length=50, blank=True,
                                 help_text="The publisher's own id, e.g. Fingertips 90284.")
    frequency = models.CharField(max_length=20, choices=Frequency.choices,
                                 default=Frequency.CALENDAR_YEAR)
    frequency_months = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1)],
        help_text="Months between values; a value older than this allows is flagged stale.")
    publication_lag_months = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="Months after a period ends before its value is published; empty takes "
                  "the source's usual lag.")
    owner = models.ForeignKey("governance.Person", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="indicators")
    target_tolerance = models.FloatField(
        null=True, blank=True,
        help_text="How far short of its target a value may fall and be amber, in the "
                  "indicator's units.")
    sex = models.CharField(max_length=40, default="Persons",
                           help_text="The breakdown pages and benchmarks show.")
    age = models.CharField(max_length=60, default="All ages",
                           help_text="The age band pages and benchmarks show.")
    approval_required = models.BooleanField(
        "publish only once approved", default=False,
        help_text="For the partnership's own figures: public pages and open data show its "
                  "values only up to the period an officer has approved. National statistics "
                  "imported from their publisher are public already. Commentary always "
                  "needs approval.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], condition=~Q(source_id=""),
                                    name="indicator_source_id_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def lag_months(self) -> int:
        """The months its values take to be published: its own, else its source's."""
        if self.publication_lag_months is not None:
            return self.publication_lag_months
        return PUBLICATION_LAG_MONTHS.get(self.source, DEFAULT_PUBLICATION_LAG_MONTHS)


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(max_length=40, help_text="The period label, e.g. 2024/25.")
    value = models.FloatField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"],
                                    name="one_target_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value:g} in {self.period}"


class Period(models.Model):
    """A period as published ("2023/24") with the dates it covers, so periods sort."""

    label = models.CharField(max_length=40)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["start", "end"]
        constraints = [
            models.UniqueConstraint(fields=["label", "start", "end"], name="period_unique"),
            models.CheckConstraint(condition=Q(end__gte=F("start")),
                                   name="period_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return self.label


class Breakdown(models.Model):
    """Who a figure is about, in Fingertips' terms: sex, age and an optional category."""

    sex = models.CharField(max_length=40, default="Persons")
    age = models.CharField(max_length=60, default="All ages")
    category_type = models.CharField(max_length=200, blank=True)
    category = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sex", "age", "category_type", "category"],
                                    name="breakdown_unique"),
        ]

    def __str__(self) -> str:
        parts = [self.sex, self.age, self.category]
        return ", ".join(part for part in parts if part)


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


class DataImport(models.Model):
    """One file imported (or being imported): where every data point came from."""

    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    format = models.CharField(max_length=20)
    rows = models.PositiveIntegerField(default=0, help_text="Data rows read from the file.")
    rows_total = models.PositiveIntegerField(
        default=0, help_text="Rows expected, estimated from the file's size until read.")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="data_imports")
    at = models.DateTimeField(help_text="When the import started.")
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices,
                              default=ImportStatus.QUEUED)
    progress = models.PositiveIntegerField(default=0, help_text="Rows done so far.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.at:%d %B %Y %H:%M})"


class LimitsSource(models.TextChoices):
    PUBLISHED = "published", "Published with the value"
    COMPUTED = "computed", "Computed by Trustboard"
    NONE = "", "No limits"


class DataPoint(models.Model):
    """One published figure: an indicator's value for an area, period and breakdown."""

    # The unique constraint starts with the indicator, so its own index would be a copy.
    # Every read goes by indicator (benchmarking needs all areas at once), so area,
    # period, breakdown and provenance have no index: each one left out is one less
    # B-tree to update per imported row (measured: 10-15% of SQLite's insert time each).
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, db_index=False,
                                  related_name="data_points")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, db_index=False,
                             related_name="data_points")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, db_index=False,
                               related_name="+")
    breakdown = models.ForeignKey(Breakdown, on_delete=models.PROTECT, db_index=False,
                                  related_name="+")
    value = models.FloatField(null=True, blank=True)
    lower95 = models.FloatField("lower 95% limit", null=True, blank=True)
    upper95 = models.FloatField("upper 95% limit", null=True, blank=True)
    lower998 = models.FloatField("lower 99.8% limit", null=True, blank=True)
    upper998 = models.FloatField("upper 99.8% limit", null=True, blank=True)
    count = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    value_note = models.TextField(blank=True, default="")
    limits_source = models.CharField(max_length=10, choices=LimitsSource.choices, blank=True,
                                     default=LimitsSource.NONE)
    provenance = models.ForeignKey(DataImport, null=True, blank=True, on_delete=models.PROTECT,
                                   db_index=False, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "period", "breakdown"],
                                    name="one_data_point_per_key"),
            models.CheckConstraint(condition=Q(lower95__lte=F("upper95")),
                                   name="lower95_not_above_upper95"),
            models.CheckConstraint(condition=Q(lower998__lte=F("upper998")),
                                   name="lower998_not_above_upper998"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period_id}: {self.value}"


class IndicatorCommentary(models.Model):
    """The indicator owner's words on one value (an area and period), which reports quote.

    One a value; a change replaces the text and the history keeps what it said before.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="commentaries")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=40, help_text="The period label, e.g. 2011/12.")
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "area", "period"]
        verbose_name_plural = "indicator commentaries"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "period"],
                                    name="one_commentary_per_value"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}, {self.period}: {self.text[:40]}"


class PublicationApproval(models.Model):
    """An officer's approval of an indicator's values and commentary for publication, up to
    the period ending on `up_to`; withdrawing it is recorded on the same row."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="approvals")
    up_to = models.DateField(help_text="Values for periods ending on or before this date "
                                       "are approved.")
    up_to_period = models.CharField(max_length=40, help_text="The last approved period's label.")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was withdrawn.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "-approved_at"]

    def __str__(self) -> str:
        state = "withdrawn" if self.withdrawn_at else "approved"
        return f"{self.indicator} {state} up to {self.up_to_period}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None
