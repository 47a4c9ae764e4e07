"""The published files the demo loads and the tests read ship inside the repository."""

import hashlib
import re
from pathlib import Path

import tests.published_data
from trustboard.performance.demo import DEMO_DATA, demo_data_files

REPOSITORY = Path(__file__).resolve().parents[2]
README = DEMO_DATA / "README.md"


def _blob(path: Path) -> str:
    """What `git hash-object` prints for the file."""
    content = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def _listed() -> dict[str, str]:
    return dict(re.findall(r"^\| `([^`]+)` \| [\d,]+ \| `([0-9a-f]{40})` \|$",
                           README.read_text(), flags=re.MULTILINE))


def test_every_file_the_demo_and_tests_read_is_inside_the_repository():
    read = [*demo_data_files(DEMO_DATA),
            *(value for value in vars(tests.published_data).values()
              if isinstance(value, Path) and value.is_absolute() and value.suffix)]

    assert len(read) == 8 + 4
    for path in read:
        assert path.resolve().is_relative_to(REPOSITORY / "src" / "trustboard"), path
        assert path.is_file(), path


def test_every_data_file_is_listed_with_the_blob_of_its_published_source():
    files = sorted(str(path.relative_to(DEMO_DATA)) for path in DEMO_DATA.rglob("*.csv"))

    assert sorted(_listed()) == files
    for name, blob in _listed().items():
        assert _blob(DEMO_DATA / name) == blob, f"{name} differs from the file it copies"


def test_the_data_readme_gives_the_open_government_licence():
    text = README.read_text()
    assert "Contains public sector information licensed under the Open Government Licence " \
        "v3.0" in " ".join(text.split())
    assert "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" in text
