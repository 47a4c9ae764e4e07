"""The open data datasets: one column definition each, written in bounded chunks."""

import dataclasses
import gc
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from trustboard.performance.imports import TIDY_COLUMNS
from trustboard.performance.sample_files import FINGERTIPS_HEADER
from trustboard.public.open_data import (
    DATASETS,
    POINT_CHUNK_ROWS,
    _period_batches,
    dataset_dictionary,
)
from trustboard.public.open_data_synthetic import million_points_build

CLEAR_PEAK = Path("/proc/self/clear_refs")
MEGABYTE = 1024 * 1024


def test_every_dataset_has_a_unique_slug_and_uniquely_named_columns():
    assert len({dataset.slug for dataset in DATASETS}) == len(DATASETS)
    for dataset in DATASETS:
        names = [column.name for column in dataset.columns]
        assert len(set(names)) == len(names), dataset.slug
        assert len(set(dataset.headers)) == len(names), dataset.slug


def test_each_dictionary_describes_the_columns_its_file_is_written_in():
    for dataset in DATASETS:
        undated = dataclasses.replace(dataset, modified=lambda: None)
        columns = dataset_dictionary(undated, csv_url="x.csv")["tableSchema"]["columns"]
        assert [column["titles"] for column in columns] == dataset.headers
        assert all(column["dc:description"] for column in columns)


def test_the_indicator_files_have_the_columns_the_importer_reads_in_its_order():
    by_slug = {dataset.slug: dataset for dataset in DATASETS}

    assert by_slug["indicator-values-fingertips"].headers == FINGERTIPS_HEADER
    assert by_slug["indicator-values-tidy"].headers == TIDY_COLUMNS


def test_periods_are_grouped_into_chunks_without_splitting_one():
    # (indicator, period, points): a chunk may span indicators, never split a period.
    sizes = [(7, 1, 60_000), (7, 2, 30_000), (8, 1, 40_000), (8, 2, 250_000), (9, 1, 1)]

    assert POINT_CHUNK_ROWS == 100_000
    assert list(_period_batches(sizes)) == [[(7, 1), (7, 2)], [(8, 1)], [(8, 2)], [(9, 1)]]


def _kilobytes(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


@pytest.mark.skipif(connection.vendor != "sqlite",
                    reason="building a million rows is a minute on PostgreSQL; the streaming "
                           "is the same code")
@pytest.mark.skipif(not CLEAR_PEAK.exists(), reason="needs Linux's peak-memory reset")
def test_a_million_data_points_download_in_bounded_memory(db):
    points = million_points_build()
    response = Client().get(reverse("public:open-data-csv", args=["indicator-values-tidy"]))
    chunks = iter(response.streaming_content)
    # The header, then the first indicator's rows of the first chunk: it pays the one-time
    # costs (Polars' thread pool and allocator, about 40 MB) any first use of the engine pays.
    lines = next(chunks).count(b"\n") + next(chunks).count(b"\n")
    gc.collect()
    CLEAR_PEAK.write_text("5")  # the peak (VmHWM) starts again from the memory in use now
    before = _kilobytes("VmRSS")

    lines += sum(chunk.count(b"\n") for chunk in chunks)
    growth = (_kilobytes("VmHWM") - before) * 1024

    assert lines == points + 1 == 1_000_001
    # Run alone the rest of the download grows the peak by about 28 MB; in a process that
    # has run the rest of the suite first, by up to 68 MB (measured: 65 and 68), as the
    # allocators' state differs. Holding the million points whole would take hundreds.
    assert growth < 96 * MEGABYTE, f"the download grew memory by {growth / MEGABYTE:.0f} MB"


def test_the_dictionary_of_a_dataset_is_json_the_catalogue_links(client, db):
    response = client.get(reverse("public:open-data-dictionary", args=["decisions"]))

    assert json.loads(response.content)["url"] == "http://testserver/open-data/decisions.csv"
    assert reverse("public:open-data-dictionary", args=["decisions"]) in client.get(
        reverse("public:open-data")).content.decode()
