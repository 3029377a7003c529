import pytest

from vnevents import errors
from vnevents.stages.ingest import decode, discover, read_file


def test_each_unusable_input_has_its_own_error(tmp_path):
    with pytest.raises(errors.EmptyInput):
        decode(b"  \n", "a.txt")
    with pytest.raises(errors.BinaryInput):
        decode(b"\x00\x01\x02abc", "a.txt")
    with pytest.raises(errors.EncodingInput) as caught:
        decode("Pháp rút quân".encode("latin-1", errors="ignore") + b"\xff", "a.txt")
    assert "a.txt" in str(caught.value) and "UTF-8" in str(caught.value)
    assert decode("\ufeffNga".encode("utf-8"), "a.txt") == "Nga"  # a BOM is not text
    assert decode("Nga".encode("utf-16"), "a.txt") == "Nga"


def test_jsonl_keeps_good_lines_and_names_bad_ones(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a1", "text": "Nga tấn công Ukraine.", "date": "2024-02-24"}\n[1]\n{"text": 5}\n', encoding="utf-8")
    results = read_file(path)
    assert results[0].path == "a1" and results[0].date == "2024-02-24"
    assert [type(r) for r in results[1:]] == [errors.MalformedJSON, errors.MalformedJSON]
    assert "line 2" in str(results[1]) and "line 3" in str(results[2])


def test_discover_walks_folders_in_order_and_reports_empty_ones(tmp_path):
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.html").write_text("x", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "empty").mkdir()
    found = list(discover([tmp_path, tmp_path / "empty"]))
    assert [p.name for p in found[:2]] == ["a.html", "b.txt"]
    assert isinstance(found[2], errors.NoReadableFiles)
