import json
from pathlib import Path

import pytest

from vnevents import errors
from vnevents.stages.ingest import decode, discover, read_file, read_input


def test_each_unusable_input_has_its_own_error(tmp_path):
    with pytest.raises(errors.EmptyInput):
        decode(b"  \n", "a.txt")
    with pytest.raises(errors.BinaryInput):
        decode(b"\x00\x01\x02abc", "a.txt")
    with pytest.raises(errors.EncodingInput) as caught:  # Latin-1 German: not Vietnamese in any encoding
        decode("Grüße aus München: die Straße ist schön, sagte der Bürgermeister.".encode("latin-1"), "a.txt")
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


INTAKE = Path(__file__).parents[1] / "data" / "intake"


def test_a_feed_file_gives_one_article_per_item_with_its_metadata():
    results = read_input(INTAKE / "feed.xml")
    first, second, empty = results
    assert (first.title, first.date, first.url, first.agency) == (
        "Pháp rút quân khỏi Niger", "2024-04-11", "https://example.vn/the-gioi/phap-rut-quan-khoi-niger.html", "Tin thế giới")
    assert first.text.splitlines() == ["Pháp đã hoàn tất việc rút quân khỏi Niger vào tháng 12 năm ngoái.",
                                       "Washington đã loại trừ khả năng rút quân khỏi Niger."]
    assert second.date == "2024-04-12" and "huấn luyện viên" in second.text
    assert isinstance(empty, errors.EmptyInput) and "has no text" in str(empty)
    [atom] = read_input(INTAKE / "atom.atom")
    assert atom.title == "Tillerson gặp Lavrov tại Bonn" and atom.date == "2017-02-16"


def test_a_feed_with_no_items_or_no_feed_at_all_is_named(tmp_path):
    with pytest.raises(errors.EmptyInput) as caught:
        read_input(INTAKE / "empty-feed.xml")
    assert "feed has no items" in str(caught.value) and "empty-feed.xml" in str(caught.value)
    broken = tmp_path / "broken.rss"  # cut off in the middle of its second item
    whole = (INTAKE / "feed.xml").read_bytes()
    broken.write_bytes(whole[: whole.index("Nga gửi".encode()) + 20])
    results = read_input(broken)
    assert isinstance(results[0], errors.MalformedFeed) and "not well-formed" in str(results[0])
    assert [a.title for a in results[1:] if not isinstance(a, errors.VneventsError)][0] == "Pháp rút quân khỏi Niger"
    junk = tmp_path / "junk.xml"
    junk.write_bytes(b"<?xml version='1.0'?><rss><channel><title>x</ch")
    with pytest.raises(errors.MalformedFeed):
        read_input(junk)


def test_jsonl_lines_may_carry_html_and_metadata(tmp_path):
    path = tmp_path / "corpus.jsonl"
    page = "<html><body><article><p>Pháp đã hoàn tất việc rút quân khỏi Niger vào tháng 12 năm ngoái.</p></article></body></html>"
    path.write_text(json.dumps({"html": page, "url": "https://example.vn/a", "date": "2024-04-11", "source": "VnExpress"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = read_input(path)
    assert article.text.startswith("Pháp đã hoàn tất") and article.url == "https://example.vn/a"
    assert (article.path, article.date, article.agency) == ("https://example.vn/a", "2024-04-11", "VnExpress")


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(200 * 1024 * 1024)  # a sparse 200 MB file: nothing is written, nothing may be read
    with pytest.raises(errors.TooLarge) as caught:
        read_input(path)
    assert "209,715,200 bytes" in str(caught.value)


def test_truncated_html_still_gives_its_text_or_a_clear_error(tmp_path):
    path = tmp_path / "cut.html"
    path.write_text("<html><body><article><p>Pháp đã hoàn tất việc rút quân khỏi Niger vào tháng 12 năm ngoái "
                    "sau khi các nhà lãnh đạo quân sự của Niamey ra lệnh cho họ rời đi.</p><p>Washington đã lo",
                    encoding="utf-8")
    [article] = read_input(path)
    assert article.text.startswith("Pháp đã hoàn tất")
    junk = tmp_path / "junk.html"
    junk.write_text("<html><body><div></div></body></html>", encoding="utf-8")
    with pytest.raises(errors.InputError) as caught:
        read_input(junk)
    assert "no extractable article text" in str(caught.value)


@pytest.mark.parametrize("encoding", ["cp1258", "tcvn3", "vni", "utf-16"])
def test_legacy_vietnamese_files_are_converted_and_the_conversion_recorded(tmp_path, encoding):
    from vnevents import legacy

    text = "Pháp đã hoàn tất việc rút quân khỏi Niger vào tháng 12 năm ngoái, theo Bộ Quốc phòng Pháp."
    encoders = {"cp1258": legacy.encode_cp1258, "tcvn3": legacy.encode_tcvn3, "vni": legacy.encode_vni,
                "utf-16": lambda t: t.encode("utf-16")}
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(encoders[encoding](text))
    [article] = read_input(path)
    assert article.text == text and article.encoding == encoding
    assert article.raw == path.read_bytes()  # the raw input, byte for byte
    [note] = [r for r in article.repairs if r["kind"] == "encoding"]
    assert encoding.upper().replace("-", "")[:4] in note["detail"].upper().replace("-", "")


def test_a_page_without_date_metadata_is_dated_from_its_text(tmp_path):
    path = tmp_path / "undated.html"
    path.write_text("<html><body><article><p>Cập nhật 11/04/2024 08:30</p><p>Pháp đã hoàn tất việc rút quân khỏi "
                    "Niger vào tháng 12 năm ngoái sau khi các nhà lãnh đạo quân sự của Niamey ra lệnh cho họ rời đi."
                    "</p></article></body></html>", encoding="utf-8")
    [article] = read_input(path)
    assert (article.date, article.date_basis) == ("2024-04-11", "given")


def test_a_jsonl_corpus_is_read_one_line_at_a_time(tmp_path, monkeypatch):
    from vnevents.stages import ingest

    corpus = tmp_path / "corpus.jsonl"
    line = json.dumps({"text": "Nga và Mỹ đã ký thỏa thuận hợp tác tại Moskva hôm 10/4.", "date": "2024-04-11"}, ensure_ascii=False)
    corpus.write_text("\n".join([line] * 1000), encoding="utf-8")
    parsed = []
    real = ingest._read_jsonl_record

    def counted(text, number, name):
        parsed.append(number)
        yield from real(text, number, name)

    monkeypatch.setattr(ingest, "_read_jsonl_record", counted)
    articles = ingest.iter_input(corpus)
    first = next(articles)
    assert first.date == "2024-04-11" and parsed == [1]  # the other 999 lines not read yet
    assert sum(1 for _ in articles) == 999
