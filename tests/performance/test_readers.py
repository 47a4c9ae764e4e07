import polars as pl
import pytest

from trustboard.performance.readers import _record_end, _record_pieces, read_ahead


def test_pieces_end_at_record_ends_even_inside_quoted_newlines(tmp_path):
    path = tmp_path / "quoted.csv"
    records = [f'{number},"a note\nover two lines",{number}\n' for number in range(50)]
    path.write_text("id,note,value\n" + "".join(records), encoding="utf-8")

    pieces = list(_record_pieces(path, 64))

    assert len(pieces) > 5
    assert b"".join(pieces).decode() == "".join(records)
    assert all(piece.count(b'"') % 2 == 0 for piece in pieces)


def test_a_file_with_only_a_header_gives_no_pieces(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("id,note\n", encoding="utf-8")

    assert list(_record_pieces(path, 64)) == []


def test_record_end_skips_newlines_inside_quotes():
    assert _record_end(b'1,"x\ny"\n2,"z\n') == 8


def test_read_ahead_yields_every_batch_in_order():
    batches = [pl.DataFrame({"row": [number]}) for number in range(5)]

    assert [batch["row"][0] for batch in read_ahead(iter(batches))] == list(range(5))


def test_read_ahead_raises_the_readers_error_in_the_caller():
    def failing():
        yield pl.DataFrame({"row": [0]})
        raise ValueError("unreadable")

    with pytest.raises(ValueError, match="unreadable"):
        list(read_ahead(failing()))
