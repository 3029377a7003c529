from vnevents.resources import load
from vnevents.stages.ingest import from_text
from vnevents.stages.repair import normalize_tones, repair, repair_diacritics, repair_text

from ..conftest import EXAMPLES


def test_tone_marks_move_to_one_placement():
    assert normalize_tones("hoà bình, thuỷ quân, khoẻ") == "hòa bình, thủy quân, khỏe"
    # closed syllables and qu- keep their placement
    assert normalize_tones("hoàn thành, quý, thuyền") == "hoàn thành, quý, thuyền"


def test_damaged_diacritics_are_repaired_on_the_damaged_seed():
    text = (EXAMPLES / "001_75dbe35eade5f37d.txt").read_text(encoding="utf-8")
    fixed, repairs = repair_diacritics(text)
    assert "đă " not in fixed and "lănh" not in fixed and "Chưa rơ" not in fixed
    assert "đã tham gia" in fixed and "lãnh thổ" in fixed and "Chưa rõ" in fixed
    assert {r["from"] for r in repairs} >= {"đă", "lănh", "rơ"}
    # genuine words with ă / ơ stay
    assert "tăng cường" in fixed and "chuyến thăm" in fixed and "Ngoại trưởng" in fixed


def test_clean_text_is_left_alone():
    text = (EXAMPLES / "000_80fee103ab6e860c.txt").read_text(encoding="utf-8")
    fixed, repairs = repair_diacritics(text)
    assert repairs == [] and fixed == text


def test_web_debris_becomes_metadata_or_goes():
    article = from_text((EXAMPLES / "003_a702ee0b46030dc5.txt").read_text(encoding="utf-8"))
    repair(article, load())
    assert article.title == "Quân đội Nga - Mỹ bí mật phối hợp hoạt động tại Syria?"
    assert article.date == "2017-02-18"
    assert (article.author, article.agency) == ("Nguyễn Hùng", "VOV")
    for debris in ("Theo dõi trên", "Bình luận", "Bài liên quan", "POWERED BY", "Đừng bỏ lỡ", "09:10"):
        assert debris not in article.text
    assert article.title not in article.text  # neither at the top nor repeated at the end
    assert "  " not in article.text
    assert article.text.startswith("Dù vẫn chưa có bước đột phá")
    assert article.date_basis == "text"


def test_photo_captions_are_kept_analysed_and_marked():
    raw = (EXAMPLES / "003_a702ee0b46030dc5.txt").read_text(encoding="utf-8")
    article = from_text(raw)
    repair(article, load())
    captions = [article.text[s:e] for s, e in article.captions]
    assert len(captions) == 2 and all(c.endswith(("Ảnh: AP", "Ảnh: Reuters")) for c in captions)
    assert captions[0].startswith("Chiến đấu cơ Su-25 của Nga cất cánh")


def test_every_cleaned_character_points_back_to_the_raw_text():
    raw = (EXAMPLES / "003_a702ee0b46030dc5.txt").read_text(encoding="utf-8")
    article = from_text(raw)
    repair(article, load())
    assert len(article.origin) == len(article.text)
    # every non-space character is the very character of the raw text it points to
    assert all(raw[article.origin[i]] == ch for i, ch in enumerate(article.text) if not ch.isspace())
    start = article.text.index("Thứ trưởng Ngoại giao Sergei Ryabkov")
    assert raw[article.raw_offset(start):].startswith("Thứ trưởng Ngoại giao Sergei Ryabkov")


def test_related_story_links_inside_a_paragraph_go():
    # baomoi, May 2017: a related headline set between two sentences of the Moon-Putin call
    raw = ("Ông Moon nói với ông Putin: \"Tôi muốn khởi động đàm phán.\" [Triều Tiên có dấu hiệu tiến hành các hoạt động "
           "tại bãi thử tên lửa] Đáp lại, ông Putin nói rằng ông sẵn sàng giúp đỡ.\n"
           "[Triều Tiên nối lại hoạt động ở bãi thử hạt nhân Punggye-ri]\n"
           "Ông Lee nói: \"Ông [Kim Jong-un] sẽ không làm vậy.\"")
    article = from_text(raw)
    repair(article, load())
    assert "bãi thử" not in article.text and "Punggye-ri" not in article.text
    assert "Tôi muốn khởi động đàm phán.\" Đáp lại, ông Putin" in article.text
    assert "Ông [Kim Jong-un] sẽ" in article.text  # an editor's bracket inside a quote stays
    assert all(raw[article.origin[i]] == ch for i, ch in enumerate(article.text) if not ch.isspace())


def test_repairs_are_logged_with_offsets_in_the_clean_and_the_raw_text():
    raw = (EXAMPLES / "001_75dbe35eade5f37d.txt").read_text(encoding="utf-8")
    article = from_text(raw)
    repair(article, load())
    assert article.repairs and all(r["kind"] == "diacritic" for r in article.repairs)
    for r in article.repairs:
        assert article.text[r["start"]:r["start"] + len(r["to"])] == r["to"]
        assert raw[r["raw_start"]:r["raw_start"] + len(r["from"])] == r["from"]


def test_decomposed_input_maps_through_composition():
    # Windows-1258 writes tone marks as combining characters: "Nga đã" with a combining tilde
    raw = "Tiêu đề ngắn\nNga đa\u0303 gửi vũ khí tới Niger.\nNiger cảm ơn Nga."
    article = from_text(raw)
    repair(article, load())
    assert "Nga đã gửi" in article.text
    i = article.text.index("gửi")
    assert raw[article.raw_offset(i):].startswith("gửi")


def test_lost_vowels_and_y_damage_are_restored():
    # Latin-1 bytes read as Windows-1258: ì/ò become bare marks on the consonant before, ý becomes ư
    original = "Đây là lý do vì sao phòng tuyến đã được tăng cường, ông nói rõ ý kiến của mình."
    damaged = "".join(bytes([ord(c)]).decode("cp1258") if ord(c) < 256 else c for c in original)
    assert "vì" not in damaged and "phòng" not in damaged and "lư do" in damaged
    assert repair_text(damaged) == original
    assert repair_text(original) == original  # undamaged text is never touched


def test_the_neighbouring_word_decides_an_ambiguous_pair():
    # in a damaged article (đă), "hăng" before "tin" was "hãng"; "hăng hái" is a word as written
    damaged = "Hăng tin AP cho biết Nga đă gửi quân. Binh sĩ hăng hái lên đường, ông nói rơ."
    fixed = repair_text(damaged)
    assert fixed.startswith("Hãng tin AP") and "hăng hái" in fixed and "đã gửi" in fixed
    # without any unmistakable damage nothing changes, whatever the neighbours
    clean = "Binh sĩ hăng hái lên đường tới lăng Bác."
    assert repair_text(clean) == clean
