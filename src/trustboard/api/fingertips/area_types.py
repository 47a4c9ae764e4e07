"""The national profiles' area types, as Trustboard's areas are grouped under them.

Fingertips numbers its area types; a script asks for data "for area type 502 with parent
area type 15". Trustboard keeps an area's kind (England, region, upper tier, district) and
whether it is current, so each national type below is a kind, current or not:

- 15 England;
- 6 Regions (statistical): the nine regions;
- 502 Counties & UAs (from Apr 2023): the current upper-tier authorities (the type of the
  90284 files the demo imports, "Counties & UAs (from Apr 2023)");
- 501 Districts & UAs (from Apr 2023): the current districts and the unitary authorities
  (upper-tier authorities with no districts).

Abolished authorities (is_current False) belong to no type here: the national site files
them under the types of their years (102, 202, 302, 402), whose boundaries Trustboard does
not keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from trustboard.performance.models import AreaKind

ENGLAND = 15
REGIONS = 6
DISTRICTS_AND_UAS = 501
COUNTIES_AND_UAS = 502


@dataclass(frozen=True)
class AreaType:
    id: int
    name: str
    short: str
    kind: str
    #: The area types a script may ask for as this one's parent.
    parents: tuple[int, ...]
    sequence: int

    def as_json(self) -> dict:
        """The national API's object for an area type (the id first: clients key on it)."""
        return {"Id": self.id, "Name": self.name, "Short": self.short, "Class": None,
                "Sequence": self.sequence, "CanBeDisplayedOnMap": self.id != ENGLAND}


AREA_TYPES: dict[int, AreaType] = {
    ENGLAND: AreaType(ENGLAND, "England", "England", AreaKind.ENGLAND, (), 1),
    REGIONS: AreaType(REGIONS, "Regions (statistical)", "Regions (statistical)",
                      AreaKind.REGION, (ENGLAND,), 2),
    COUNTIES_AND_UAS: AreaType(COUNTIES_AND_UAS, "Counties & UAs (from Apr 2023)",
                               "Counties & UAs (from Apr 2023)", AreaKind.UPPER_TIER,
                               (ENGLAND, REGIONS), 3),
    DISTRICTS_AND_UAS: AreaType(DISTRICTS_AND_UAS, "Districts & UAs (from Apr 2023)",
                                "Districts & UAs (from Apr 2023)", AreaKind.DISTRICT,
                                (ENGLAND, REGIONS), 4),
}
